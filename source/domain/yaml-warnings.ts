/**
 * YAML 1.1 booleans in manifests. kubectl (and Argo CD) read YAML with YAML 1.1 rules, where a bare
 * `yes`, `no`, `on`, `off`, `y` or `n` is a boolean; we, Flux and kustomize read YAML 1.2, where they are
 * strings. A container named `n` is the string "n" here and `false` to kubectl, which the server then
 * rejects. Such values deserve a warning naming the file, line and field. Pure: no I/O.
 */

/** A plain (unquoted, untagged) scalar found in a manifest, with where it sits. */
export type PlainScalar = {
	text: string;
	/** Field path from the document root: keys and sequence indexes. */
	path: Array<string | number>;
	/** 1-based line. */
	line: number;
	/** The scalar is a mapping key rather than a value. */
	isKey: boolean;
};

/** A warning about a manifest that still renders. */
export type YamlWarning = {
	kind: 'yaml11-boolean';
	message: string;
	file?: string;
	line?: number;
	/** The field, e.g. `spec.template.spec.containers[0].name`. */
	path: string;
	value: string;
};

/**
 * The boolean YAML 1.1 makes of a bare scalar that YAML 1.2 reads as a string; undefined otherwise.
 * Exactly the spellings go-yaml v2 (kubectl's parser) resolves: lower, Capitalised and UPPER case.
 * `true`/`false` are left out: every reader agrees on them.
 */
export function yaml11Boolean(text: string): boolean | undefined {
	if (['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON'].includes(text)) return true;
	if (['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'].includes(text)) return false;
	return undefined;
}

/** `['spec', 'containers', 0, 'name']` as `spec.containers[0].name`; odd keys are bracketed and quoted. */
export function formatFieldPath(path: Array<string | number>): string {
	let out = '';
	for (const segment of path) {
		if (typeof segment === 'number') out += `[${segment}]`;
		else if (/^[A-Za-z0-9_-]+$/.test(segment)) out += out === '' ? segment : `.${segment}`;
		else out += `[${JSON.stringify(segment)}]`;
	}
	return out;
}

/** What a masked warning shows instead of the value. */
export const maskedValue = '(hidden)';

/**
 * One warning per plain scalar that YAML 1.1 would read as a boolean. With `mask` (a Secret's
 * document) the value is never repeated: not in the message, not in `value`.
 */
export function yaml11BooleanWarnings(scalars: Iterable<PlainScalar>, where: {file?: string; mask?: boolean} = {}): YamlWarning[] {
	const warnings: YamlWarning[] = [];
	for (const scalar of scalars) {
		const asBoolean = yaml11Boolean(scalar.text);
		if (asBoolean === undefined) continue;
		const path = formatFieldPath(scalar.path);
		const subject = scalar.isKey ? `key ${path || '(root)'}` : path || '(root)';
		const location = where.file === undefined ? `line ${scalar.line}` : `${where.file}:${scalar.line}`;
		const masked = where.mask === true && !scalar.isKey;
		const message = masked
			? `${location}: ${subject}: a bare value here is a string to us but a boolean to kubectl (YAML 1.1); quote it`
			: `${location}: ${subject}: bare ${scalar.text} is the string "${scalar.text}" here but the boolean ${asBoolean} ` +
				`to kubectl (YAML 1.1); quote it ("${scalar.text}") or write ${asBoolean}`;
		const warning: YamlWarning = {kind: 'yaml11-boolean', message, line: scalar.line, path, value: masked ? maskedValue : scalar.text};
		if (where.file !== undefined) warning.file = where.file;
		warnings.push(warning);
	}
	return warnings;
}
