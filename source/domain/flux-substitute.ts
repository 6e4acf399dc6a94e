/**
 * Flux post-build variable substitution, as kustomize-controller does it (fluxcd/pkg/envsubst, a fork of
 * drone/envsubst). Only `${...}` forms are expanded (`$VAR` stays as written); `$$` escapes a dollar
 * outside expressions. Supported: `${v}`, `${v:=d}`, `${v=d}`, `${v:-d}` (also `:?`/`:+`, which Flux
 * treats as a default too), `${#v}`, `${v^}`, `${v^^}`, `${v,}`, `${v,,}`, `${v:off}`, `${v:off:len}`,
 * `${v#p}`, `${v##p}`, `${v%p}`, `${v%%p}`, `${v/p/r}`, `${v//p/r}`, `${v/#p/r}`, `${v/%p/r}`.
 * A default applies when the variable is unset *or empty*. `${v-d}` is a parse error, as in Flux.
 * Pure: no I/O.
 */
import type {KubeObject} from './kube-object.js';

/** The annotation (or label) that opts an object out of substitution. */
export const substituteAnnotation = 'kustomize.toolkit.fluxcd.io/substitute';

export type EnvsubstResult = {ok: true; value: string} | {ok: false; error: string};

/** Expands `${...}` in text. Unset variables become '' unless `strict`, where they are an error. */
export function envsubst(text: string, lookup: (name: string) => string | undefined, options: {strict?: boolean} = {}): EnvsubstResult {
	const parser = new Parser(text, lookup, options.strict ?? false);
	try {
		return {ok: true, value: parser.top()};
	} catch (error) {
		if (error instanceof SubstitutionError) return {ok: false, error: error.message};
		throw error;
	}
}

/** True when Flux skips the object: label or annotation `kustomize.toolkit.fluxcd.io/substitute: disabled`. */
export function substitutionDisabled(object: KubeObject): boolean {
	return object.metadata?.labels?.[substituteAnnotation] === 'disabled' || object.metadata?.annotations?.[substituteAnnotation] === 'disabled';
}

/**
 * The variables of `spec.postBuild.substitute` as Flux uses them: newlines removed from values, names
 * checked against Flux's pattern. Non-string values are refused (the CRD declares a string map).
 */
export function fluxVariables(substitute: unknown): {ok: true; vars: Map<string, string>} | {ok: false; error: string} {
	const vars = new Map<string, string>();
	if (substitute === undefined || substitute === null) return {ok: true, vars};
	if (typeof substitute !== 'object' || Array.isArray(substitute)) return {ok: false, error: 'postBuild.substitute must be a map of strings'};
	for (const [name, value] of Object.entries(substitute)) {
		if (!/^[_a-zA-Z][_a-zA-Z0-9]*$/.test(name)) return {ok: false, error: `'${name}' var name is invalid, must match '^[_[:alpha:]][_[:alpha:][:digit:]]*$'`};
		if (typeof value !== 'string') return {ok: false, error: `postBuild.substitute.${name} must be a string`};
		vars.set(name, value.replaceAll('\n', ''));
	}
	return {ok: true, vars};
}

/**
 * What a plain (unquoted) YAML scalar becomes once Flux turns the substituted YAML into JSON
 * (sigs.k8s.io/yaml, i.e. YAML 1.1 rules): null, a boolean (including yes/no/on/off), an integer
 * (decimal, 0x, 0o, 0b, leading-0 octal, underscores allowed), a float, or the string itself.
 */
export function resolvePlainScalar(text: string): unknown {
	if (['', '~', 'null', 'Null', 'NULL'].includes(text)) return null;
	if (['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].includes(text)) return true;
	if (['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].includes(text)) return false;
	if (['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].includes(text)) return Number.POSITIVE_INFINITY;
	if (['-.inf', '-.Inf', '-.INF'].includes(text)) return Number.NEGATIVE_INFINITY;
	if (['.nan', '.NaN', '.NAN'].includes(text)) return Number.NaN;
	if (!/^[-+.0-9]/.test(text)) return text;
	const plain = text.replaceAll('_', '');
	const int = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(plain);
	if (int) {
		const digits = int[2]!;
		const magnitude = /^0[0-7]+$/.test(digits) ? Number.parseInt(digits, 8) : Number(digits);
		return int[1] === '-' ? -magnitude : magnitude;
	}
	if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return Number.parseFloat(plain);
	return text;
}

class SubstitutionError extends Error {}

const defaultOps = new Set(['=', ':=', ':-', ':?', ':+', '-', '+', '?']);

/** A recursive-descent reading of envsubst's grammar, evaluating as it goes. */
class Parser {
	private i = 0;
	constructor(
		private readonly s: string,
		private readonly lookup: (name: string) => string | undefined,
		private readonly strict: boolean,
	) {}

	/** Text outside expressions: `${` opens one, `$$` is a literal `$`, everything else is kept. */
	top(): string {
		let out = '';
		while (this.i < this.s.length) {
			if (this.at('${')) {
				this.i += 2;
				out += this.func();
			} else if (this.at('$$')) {
				out += '$';
				this.i += 2;
			} else out += this.s[this.i++];
		}
		return out;
	}

	/** After `${`: one expression up to and including its `}`. */
	private func(): string {
		if (this.peek() === '#') {
			this.i++;
			const name = this.ident();
			if (!name) throw new SubstitutionError('bad substitution');
			this.close();
			return String(utf8Length(this.value(name, '#')));
		}
		const name = this.ident();
		if (!name) throw new SubstitutionError('unable to parse variable name');
		const c = this.peek();
		if (c === ':' && '=-?+'.includes(this.s[this.i + 1] ?? '\0')) {
			const op = this.s.slice(this.i, this.i + 2);
			this.i += 2;
			return this.defaultFunc(name, op);
		}
		if (c === '=') {
			this.i++;
			return this.defaultFunc(name, '=');
		}
		if (c === ':') return this.substr(name);
		if (c === ',' || c === '^') {
			const op = this.run(ch => ch === ',' || ch === '^', 2);
			this.close();
			const v = this.value(name, op);
			if (op === ',') return v.charAt(0).toLowerCase() + v.slice(1);
			if (op === ',,') return v.toLowerCase();
			if (op === '^') return v.charAt(0).toUpperCase() + v.slice(1);
			if (op === '^^') return v.toUpperCase();
			return v;
		}
		if (c === '#' || c === '%') {
			const op = this.run(ch => ch === c, 2);
			const pattern = this.unit(ch => ch !== '}', false);
			this.close();
			return trim(this.value(name, op), pattern, op);
		}
		if (c === '/') return this.replace(name);
		if (c === '}') {
			this.i++;
			return this.value(name, '');
		}
		throw new SubstitutionError('missing closing brace');
	}

	private defaultFunc(name: string, op: string): string {
		let fallback = '';
		while (this.peek() !== '}') fallback += this.unit(ch => ch !== '}', false);
		this.close();
		const v = this.value(name, op);
		return v === '' ? fallback : v;
	}

	private substr(name: string): string {
		this.i++; // the ':'
		const offset = this.unit(ch => ch !== ':' && ch !== '}', false);
		let length: string | undefined;
		if (this.peek() === ':') {
			this.run(ch => ch === ':', Number.POSITIVE_INFINITY);
			length = this.unit(ch => ch !== '}', false);
		}
		this.close();
		return substring(this.value(name, ':'), offset, length);
	}

	private replace(name: string): string {
		const op = this.s[this.i + 1] !== undefined && '/#%'.includes(this.s[this.i + 1]!) ? this.s.slice(this.i, this.i + 2) : '/';
		this.i += op.length;
		const pattern = this.peek() === '/' ? '' : this.unit(ch => ch !== '/', true);
		if (this.run(ch => ch === '/', Number.POSITIVE_INFINITY) === '') throw new SubstitutionError('bad substitution');
		const replacement = this.peek() === '}' ? '' : this.unit(ch => ch !== '}', true);
		this.close();
		const v = this.value(name, op);
		if (op === '/#') return v.startsWith(pattern) ? replacement + v.slice(pattern.length) : v;
		if (op === '/%') return v.endsWith(pattern) ? v.slice(0, v.length - pattern.length) + replacement : v;
		// Go's strings.Replace with an empty pattern inserts the replacement around every character.
		if (op === '//') return pattern === '' ? replacement + [...v].join(replacement) + replacement : v.split(pattern).join(replacement);
		return v.replace(pattern, () => replacement);
	}

	/** One parameter: a nested `${...}`, or text up to a stop character or the next `${`. */
	private unit(accept: (ch: string) => boolean, escapes: boolean): string {
		if (this.at('${')) {
			this.i += 2;
			return this.func();
		}
		let out = '';
		while (this.i < this.s.length && !this.at('${')) {
			if (escapes && (this.at('$$') || this.at('\\/') || this.at('\\\\'))) {
				out += this.s[this.i + 1];
				this.i += 2;
				continue;
			}
			if (!accept(this.s[this.i]!)) break;
			out += this.s[this.i++];
		}
		if (out === '') throw new SubstitutionError('unable to parse substitution within function');
		return out;
	}

	private value(name: string, op: string): string {
		const v = this.lookup(name);
		if (v === undefined && this.strict && !defaultOps.has(op)) throw new SubstitutionError(`variable not set (strict mode): "${name}"`);
		return v ?? '';
	}

	private ident(): string {
		return this.run(ch => /[\p{L}\p{Nd}_]/u.test(ch), Number.POSITIVE_INFINITY);
	}

	private run(accept: (ch: string) => boolean, max: number): string {
		const start = this.i;
		while (this.i < this.s.length && this.i - start < max && accept(this.s[this.i]!)) this.i++;
		return this.s.slice(start, this.i);
	}

	private close(): void {
		if (this.peek() !== '}') throw new SubstitutionError('bad substitution');
		this.i++;
	}

	private peek(): string | undefined {
		return this.s[this.i];
	}

	private at(token: string): boolean {
		return this.s.startsWith(token, this.i);
	}
}

function utf8Length(text: string): number {
	return new TextEncoder().encode(text).length;
}

/** `${v:offset:length}` with bash's rules for negative and out-of-range values. */
function substring(v: string, offsetText: string, lengthText: string | undefined): string {
	if (!/^[+-]?\d+$/.test(offsetText)) return v;
	let pos = Number(offsetText);
	if (pos < 0) pos = Math.max(0, v.length + pos);
	if (lengthText === undefined) return pos < v.length ? v.slice(pos) : '';
	if (!/^[+-]?\d+$/.test(lengthText)) return v;
	const length = Number(lengthText);
	if (length < 0) {
		const end = v.length + length;
		return end < pos ? '' : v.slice(pos, end);
	}
	if (pos + length >= v.length) return pos < v.length ? v.slice(pos) : '';
	return v.slice(pos, pos + length);
}

/** `#`/`##` trim a glob-matching prefix (shortest/longest); `%`/`%%` a suffix, as the Go code does it. */
function trim(v: string, pattern: string, op: string): string {
	const suffix = op.startsWith('%');
	const subject = suffix ? reverse(v) : v;
	const glob = globToRegExp(suffix ? reverse(pattern) : pattern);
	if (!glob) return v;
	let match: string | undefined;
	for (let end = subject.length; end > 0; end--) {
		if (glob.test(subject.slice(0, end))) {
			match = subject.slice(0, end);
			if (op.length === 2) break; // longest: the first (longest) prefix that matches
		}
	}
	if (match === undefined) return v;
	const trimmed = subject.slice(match.length);
	return suffix ? reverse(trimmed) : trimmed;
}

function reverse(text: string): string {
	return [...text].reverse().join('');
}

/** Go's path.Match as a RegExp (`*` and `?` never match `/`); undefined for a malformed pattern. */
function globToRegExp(pattern: string): RegExp | undefined {
	let source = '';
	for (let i = 0; i < pattern.length; i++) {
		const c = pattern[i]!;
		if (c === '*') source += '[^/]*';
		else if (c === '?') source += '[^/]';
		else if (c === '\\') {
			if (i + 1 >= pattern.length) return undefined;
			source += escapeRegExp(pattern[++i]!);
		} else if (c === '[') {
			const end = pattern.indexOf(']', i + 2);
			if (end === -1) return undefined;
			const body = pattern.slice(i + 1, end);
			source += body.startsWith('^') ? `[^/${escapeClass(body.slice(1))}]` : `[${escapeClass(body)}]`;
			i = end;
		} else source += escapeRegExp(c);
	}
	try {
		return new RegExp(`^${source}$`, 'su');
	} catch {
		return undefined;
	}
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function escapeClass(body: string): string {
	return body.replace(/[\]\\^[]/g, '\\$&');
}
