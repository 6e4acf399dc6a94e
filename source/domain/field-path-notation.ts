/**
 * Field paths in the apiserver's own notation (structured-merge-diff's PathElement strings):
 * `.spec.replicas`, `.spec.template.spec.containers[name="web"].image`, `.spec.ports[port=80,protocol="TCP"]`,
 * `.metadata.finalizers[="x"]`, `.spec.args[0]`; and the fieldsV1 keys (`f:`, `k:`, `v:`, `i:`) they come from.
 */

/** A scalar that can appear in a list key (`k:{"port":80,"protocol":"TCP"}`) or a set value (`v:"x"`). */
export type FieldScalar = string | number | boolean | null;

/**
 * One step of a field path, as structured-merge-diff models it: a map field, a list item picked by its keys,
 * a set item picked by its value, or (for atomic-free lists without keys) an index.
 */
export type PathElement =
	| {kind: 'field'; name: string}
	| {kind: 'key'; keys: Record<string, FieldScalar>}
	| {kind: 'value'; value: FieldScalar}
	| {kind: 'index'; index: number};

/** A field path as a list of steps; `formatFieldPath` turns it into the apiserver's text notation. */
export type FieldPath = PathElement[];

/** Parses one fieldsV1 key (`f:name`, `k:{...}`, `v:...`, `i:0`); `.` (the node itself) gives undefined. */
export function parseFieldsV1Key(key: string): PathElement | undefined {
	const rest = key.slice(2);
	switch (key.slice(0, 2)) {
		case 'f:': {
			return {kind: 'field', name: rest};
		}

		case 'k:': {
			return {kind: 'key', keys: JSON.parse(rest) as Record<string, FieldScalar>};
		}

		case 'v:': {
			return {kind: 'value', value: JSON.parse(rest) as FieldScalar};
		}

		case 'i:': {
			return {kind: 'index', index: Number(rest)};
		}

		default: {
			return undefined;
		}
	}
}

/** The fieldsV1 key of one path step: the inverse of `parseFieldsV1Key` (list keys sorted, as the server writes). */
export function fieldsV1Key(element: PathElement): string {
	switch (element.kind) {
		case 'field': {
			return `f:${element.name}`;
		}

		case 'key': {
			const sorted = Object.fromEntries(Object.entries(element.keys).sort(([a], [b]) => compareText(a, b)));
			return `k:${JSON.stringify(sorted)}`;
		}

		case 'value': {
			return `v:${JSON.stringify(element.value)}`;
		}

		case 'index': {
			return `i:${element.index}`;
		}
	}
}

/** One step in the apiserver's notation: `.name`, `[port=80,protocol="TCP"]`, `[="x"]`, `[0]`. */
export function formatPathElement(element: PathElement): string {
	switch (element.kind) {
		case 'field': {
			return `.${element.name}`;
		}

		case 'key': {
			const parts = Object.entries(element.keys)
				.sort(([a], [b]) => compareText(a, b))
				.map(([name, value]) => `${name}=${JSON.stringify(value)}`);
			return `[${parts.join(',')}]`;
		}

		case 'value': {
			return `[=${JSON.stringify(element.value)}]`;
		}

		case 'index': {
			return `[${element.index}]`;
		}
	}
}

/** A whole path in the apiserver's notation, e.g. `.spec.ports[port=80,protocol="TCP"].targetPort`. */
export function formatFieldPath(path: FieldPath): string {
	return path.map(element => formatPathElement(element)).join('');
}

/**
 * Parses the apiserver's notation back into steps. The notation does not escape dots in map keys, so
 * `.metadata.labels.app.kubernetes.io/name` splits at every dot: use structured paths where precision matters.
 */
export function parseFieldPath(text: string): FieldPath {
	const path: FieldPath = [];
	let i = 0;
	while (i < text.length) {
		if (text[i] === '.') {
			let end = i + 1;
			while (end < text.length && text[end] !== '.' && text[end] !== '[') end++;
			path.push({kind: 'field', name: text.slice(i + 1, end)});
			i = end;
		} else if (text[i] === '[') {
			const end = closingBracket(text, i);
			path.push(parseBracket(text.slice(i + 1, end)));
			i = end + 1;
		} else {
			throw new Error(`field path ${JSON.stringify(text)}: unexpected ${JSON.stringify(text[i])} at ${i}`);
		}
	}

	return path;
}

/** True when `ancestor` is `path` itself or one of its prefixes, step by step. */
export function isPathPrefix(ancestor: FieldPath, path: FieldPath): boolean {
	if (ancestor.length > path.length) return false;
	return ancestor.every((element, index) => formatPathElement(element) === formatPathElement(path[index]!));
}

function closingBracket(text: string, open: number): number {
	let inString = false;
	for (let i = open + 1; i < text.length; i++) {
		const char = text[i];
		if (inString) {
			if (char === '\\') i++;
			else if (char === '"') inString = false;
		} else if (char === '"') {
			inString = true;
		} else if (char === ']') {
			return i;
		}
	}

	throw new Error(`field path ${JSON.stringify(text)}: unclosed [ at ${open}`);
}

function parseBracket(inner: string): PathElement {
	if (inner.startsWith('=')) return {kind: 'value', value: JSON.parse(inner.slice(1)) as FieldScalar};
	if (/^\d+$/.test(inner)) return {kind: 'index', index: Number(inner)};
	// `name="web",port=80`: split on commas outside strings, each side of `=` is a name and a JSON scalar.
	const keys: Record<string, FieldScalar> = {};
	for (const part of splitOutsideStrings(inner, ',')) {
		const equals = part.indexOf('=');
		keys[part.slice(0, equals)] = JSON.parse(part.slice(equals + 1)) as FieldScalar;
	}

	return {kind: 'key', keys};
}

function splitOutsideStrings(text: string, separator: string): string[] {
	const parts: string[] = [];
	let start = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		if (inString) {
			if (char === '\\') i++;
			else if (char === '"') inString = false;
		} else if (char === '"') {
			inString = true;
		} else if (char === separator) {
			parts.push(text.slice(start, i));
			start = i + 1;
		}
	}

	parts.push(text.slice(start));
	return parts;
}

/** Code-point order, so sorting does not depend on the locale. */
function compareText(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
