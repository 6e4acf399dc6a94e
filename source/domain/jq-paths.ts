/**
 * Argo CD's `jqPathExpressions` (gitops-engine runs `del(EXPR)` with gojq on both sides before diffing): the
 * subset of jq path expressions its docs and real apps use, evaluated to the field paths they name.
 * Supported: `.a.b`, `."a.b"`, `.["a"]`, `[]`, `[]?`, `[N]`, `?`, pipes `|`, and `select(COND)` where COND is
 * `PATH == LITERAL`, `PATH != LITERAL`, `PATH` (truthy), `PATH | startswith("x")`, `endswith`, `test("re")`,
 * `contains("x")`, joined by `and`/`or`, with `not`. Anything else is refused at parse time (the rule is then
 * reported as not applied, never guessed).
 */
import type {FieldPath} from './field-path-notation.js';
import {isPlainObject, listItemElement, listKeysFor} from './normalise.js';

type Step = {kind: 'field'; name: string} | {kind: 'each'} | {kind: 'index'; index: number} | {kind: 'select'; condition: Condition};
type Condition =
	| {kind: 'compare'; path: Step[]; op: '==' | '!='; value: unknown}
	| {kind: 'truthy'; path: Step[]}
	| {kind: 'string'; path: Step[]; fn: 'startswith' | 'endswith' | 'test' | 'contains'; arg: string}
	| {kind: 'and' | 'or'; left: Condition; right: Condition}
	| {kind: 'not'; inner: Condition};

/** A parsed expression, or why it is outside the supported subset. */
export type JqPathProgram = {ok: true; steps: Step[]} | {ok: false; message: string};

/** Parses one expression. */
export function parseJqPath(expression: string): JqPathProgram {
	try {
		const parser = new Parser(expression);
		const steps = parser.pipeline();
		parser.end();
		return {ok: true, steps};
	} catch (error) {
		return {ok: false, message: error instanceof Error ? error.message : String(error)};
	}
}

/** The field paths an expression names in an object (list items by their keys where the list has keys). */
export function jqFieldPaths(program: JqPathProgram, object: unknown): FieldPath[] {
	if (!program.ok) return [];
	return run(program.steps, [{value: object, path: []}]).map(item => item.path);
}

type Item = {value: unknown; path: FieldPath};

function run(steps: readonly Step[], items: Item[]): Item[] {
	let current = items;
	for (const step of steps) current = current.flatMap(item => apply(step, item));
	return current;
}

function apply(step: Step, item: Item): Item[] {
	const {value, path} = item;
	switch (step.kind) {
		case 'field':
			return [{value: isPlainObject(value) ? value[step.name] : undefined, path: [...path, {kind: 'field', name: step.name}]}];
		case 'index':
			return Array.isArray(value) && value[step.index] !== undefined ? [{value: value[step.index], path: [...path, element(path, value, step.index)]}] : [];
		case 'each':
			if (Array.isArray(value)) return value.map((entry, index) => ({value: entry, path: [...path, element(path, value, index)]}));
			if (isPlainObject(value)) return Object.entries(value).map(([name, entry]) => ({value: entry, path: [...path, {kind: 'field', name}]}));
			return [];
		case 'select':
			return holds(step.condition, value) ? [item] : [];
	}
}

function element(path: FieldPath, list: unknown[], index: number): FieldPath[number] {
	const keys = listKeysFor(path, list);
	return (keys && listItemElement(list[index], keys)) || {kind: 'index', index};
}

function holds(condition: Condition, value: unknown): boolean {
	const values = (steps: Step[]) => run(steps, [{value, path: []}]).map(item => item.value);
	switch (condition.kind) {
		case 'compare':
			return values(condition.path).some(found => (JSON.stringify(found ?? null) === JSON.stringify(condition.value)) === (condition.op === '=='));
		case 'truthy':
			return values(condition.path).some(found => found !== undefined && found !== null && found !== false);
		case 'string':
			return values(condition.path).some(found => typeof found === 'string' && stringTest(condition.fn, found, condition.arg));
		case 'and':
			return holds(condition.left, value) && holds(condition.right, value);
		case 'or':
			return holds(condition.left, value) || holds(condition.right, value);
		case 'not':
			return !holds(condition.inner, value);
	}
}

function stringTest(fn: 'startswith' | 'endswith' | 'test' | 'contains', text: string, arg: string): boolean {
	if (fn === 'startswith') return text.startsWith(arg);
	if (fn === 'endswith') return text.endsWith(arg);
	if (fn === 'contains') return text.includes(arg);
	return new RegExp(arg).test(text);
}

class Parser {
	private at = 0;
	constructor(private readonly text: string) {}

	pipeline(): Step[] {
		const steps = this.path(true);
		while (this.eat('|')) {
			this.space();
			if (this.text.startsWith('select', this.at)) steps.push(this.select());
			else steps.push(...this.path(true));
		}

		return steps;
	}

	end(): void {
		this.space();
		if (this.at < this.text.length) this.fail(`unexpected ${JSON.stringify(this.text.slice(this.at, this.at + 10))}`);
	}

	private select(): Step {
		this.at += 'select'.length;
		this.expect('(');
		const condition = this.or();
		this.expect(')');
		return {kind: 'select', condition};
	}

	private or(): Condition {
		let left = this.and();
		while (this.word('or')) left = {kind: 'or', left, right: this.and()};
		return left;
	}

	private and(): Condition {
		let left = this.unary();
		while (this.word('and')) left = {kind: 'and', left, right: this.unary()};
		return left;
	}

	private unary(): Condition {
		this.space();
		if (this.eat('(')) {
			const inner = this.or();
			this.expect(')');
			return this.word('|') ? this.fail('a pipe after a parenthesis is not supported') : inner;
		}

		const path = this.path(false);
		if (this.eat('==')) return {kind: 'compare', path, op: '==', value: this.literal()};
		if (this.eat('!=')) return {kind: 'compare', path, op: '!=', value: this.literal()};
		if (this.eat('|')) {
			this.space();
			const fn = (['startswith', 'endswith', 'test', 'contains', 'not'] as const).find(name => this.text.startsWith(name, this.at));
			if (!fn) this.fail('only startswith, endswith, test, contains and not may follow a path in select');
			this.at += fn.length;
			if (fn === 'not') return {kind: 'not', inner: {kind: 'truthy', path}};
			this.expect('(');
			const arg = this.literal();
			this.expect(')');
			if (typeof arg !== 'string') this.fail(`${fn} needs a string`);
			return {kind: 'string', path, fn, arg};
		}

		return {kind: 'truthy', path};
	}

	/** `.a.b[]?["c"][0]`; `top` allows the bare `.` (identity). */
	private path(top: boolean): Step[] {
		this.space();
		const steps: Step[] = [];
		if (this.text[this.at] !== '.') this.fail('a path must start with "."');
		while (this.at < this.text.length) {
			const char = this.text[this.at];
			if (char === '.' && this.text[this.at + 1] === '.') this.fail('recursive descent (..) is not supported');
			if (char === '.') {
				this.at++;
				if (this.text[this.at] === '"') steps.push({kind: 'field', name: this.string()});
				else if (this.text[this.at] === '[') continue;
				else {
					const name = /^[A-Za-z_][\w-]*/.exec(this.text.slice(this.at))?.[0];
					if (name) {
						steps.push({kind: 'field', name});
						this.at += name.length;
					} else if (!top && steps.length === 0 && /^\s*(==|!=|\||\)|$)/.test(this.text.slice(this.at))) {
						break;
					} else if (!(top && steps.length === 0)) {
						this.fail('a field name must follow "."');
					}
				}
			} else if (char === '[') {
				this.at++;
				this.space();
				if (this.eat(']')) steps.push({kind: 'each'});
				else if (this.text[this.at] === '"') {
					steps.push({kind: 'field', name: this.string()});
					this.expect(']');
				} else {
					const digits = /^\d+/.exec(this.text.slice(this.at))?.[0];
					if (!digits) this.fail('only [], [N] and ["name"] are supported in brackets');
					steps.push({kind: 'index', index: Number(digits)});
					this.at += digits.length;
					this.expect(']');
				}
			} else if (char === '?') {
				this.at++;
			} else {
				break;
			}
		}

		this.space();
		return steps;
	}

	private literal(): unknown {
		this.space();
		if (this.text[this.at] === '"') return this.string();
		const match = /^(-?\d+(\.\d+)?|true|false|null)/.exec(this.text.slice(this.at))?.[0];
		if (!match) this.fail('a literal string, number, boolean or null must follow the comparison');
		this.at += match.length;
		return JSON.parse(match);
	}

	private string(): string {
		const match = /^"(?:[^"\\]|\\.)*"/.exec(this.text.slice(this.at))?.[0];
		if (!match) this.fail('unterminated string');
		this.at += match.length;
		return JSON.parse(match) as string;
	}

	private word(name: string): boolean {
		this.space();
		if (!this.text.startsWith(name, this.at)) return false;
		const after = this.text[this.at + name.length];
		if (/[A-Za-z]/.test(name) && after !== undefined && /[\w]/.test(after)) return false;
		this.at += name.length;
		return true;
	}

	private eat(token: string): boolean {
		this.space();
		if (!this.text.startsWith(token, this.at)) return false;
		this.at += token.length;
		return true;
	}

	private expect(token: string): void {
		if (!this.eat(token)) this.fail(`expected ${token}`);
	}

	private space(): void {
		while (this.text[this.at] === ' ' || this.text[this.at] === '\t') this.at++;
	}

	private fail(message: string): never {
		throw new Error(`jq expression ${JSON.stringify(this.text)}: ${message} (at ${this.at})`);
	}
}
