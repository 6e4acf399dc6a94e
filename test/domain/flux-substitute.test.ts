import {describe, expect, it} from 'vitest';
import {envsubst, fluxVariables, resolvePlainScalar, substitutionDisabled} from '../../source/domain/flux-substitute.js';

const vars = (map: Record<string, string>) => (name: string) => map[name];

function expand(text: string, map: Record<string, string> = {}, strict = false): string {
	const result = envsubst(text, vars(map), {strict});
	if (!result.ok) throw new Error(result.error);
	return result.value;
}

describe('envsubst: the forms Flux expands', () => {
	it('replaces ${VAR}, and an unset one with nothing', () => {
		expect(expand('image: nginx:${TAG}', {TAG: '1.25'})).toBe('image: nginx:1.25');
		expect(expand('a-${MISSING}-b')).toBe('a--b');
	});

	it('leaves $VAR and a lone $ alone: only the braced form is substituted', () => {
		expect(expand('$HOME and $ and $5', {HOME: '/root'})).toBe('$HOME and $ and $5');
	});

	it('applies := and := defaults when the variable is unset or empty', () => {
		expect(expand('${REGION:=eu-west-1}')).toBe('eu-west-1');
		expect(expand('${REGION:=eu-west-1}', {REGION: ''})).toBe('eu-west-1');
		expect(expand('${REGION:=eu-west-1}', {REGION: 'us-east-1'})).toBe('us-east-1');
		expect(expand('${REGION=eu}', {REGION: ''})).toBe('eu');
		expect(expand('${REGION:-eu}')).toBe('eu');
	});

	it('treats :? and :+ as defaults too, as Flux does (unlike bash)', () => {
		expect(expand('${A:+word}')).toBe('word');
		expect(expand('${A:+word}', {A: 'set'})).toBe('set');
		expect(expand('${A:?word}')).toBe('word');
	});

	it('nests expressions inside defaults', () => {
		expect(expand('${A:=${B}-suffix}', {B: 'b'})).toBe('b-suffix');
		expect(expand('${A:=pre${B:=x}post}')).toBe('prexpost');
	});

	it('turns $$ into a literal $ outside expressions, so $${VAR} survives as ${VAR}', () => {
		expect(expand('$${VAR}', {VAR: 'x'})).toBe('${VAR}');
		expect(expand('cost: $$5, ${VAR}$$', {VAR: 'x'})).toBe('cost: $5, x$');
		expect(expand('$$$${VAR}', {VAR: 'x'})).toBe('$${VAR}');
		expect(expand('$$${VAR}', {VAR: 'x'})).toBe('$x');
	});

	it('supports case, length, substring, trim and replace functions', () => {
		const v = {S: 'Hello/World.tar.gz'};
		expect(expand('${S^^}', v)).toBe('HELLO/WORLD.TAR.GZ');
		expect(expand('${S,,}', v)).toBe('hello/world.tar.gz');
		expect(expand('${S,}', v)).toBe('hello/World.tar.gz');
		expect(expand('${#S}', v)).toBe('18');
		expect(expand('${S:6}', v)).toBe('World.tar.gz');
		expect(expand('${S:6:5}', v)).toBe('World');
		expect(expand('${S:-2}', v)).toBe('Hello/World.tar.gz'); // ':-' is a default, not a negative offset
		expect(expand('${S#*/}', v)).toBe('World.tar.gz');
		expect(expand('${S%.*}', v)).toBe('Hello/World.tar');
		expect(expand('${S%%.*}', v)).toBe('Hello/World');
		expect(expand('${F##*.}', {F: 'archive.tar.gz'})).toBe('gz');
		// Patterns are Go path.Match globs: `*` never crosses a `/`, so nothing matches here.
		expect(expand('${S##*.}', v)).toBe('Hello/World.tar.gz');
		expect(expand('${S/o/0}', v)).toBe('Hell0/World.tar.gz');
		expect(expand('${S//o/0}', v)).toBe('Hell0/W0rld.tar.gz');
		expect(expand('${S/#Hello/Bye}', v)).toBe('Bye/World.tar.gz');
		expect(expand('${S/%gz/zst}', v)).toBe('Hello/World.tar.zst');
		expect(expand('${S/\\//-}', v)).toBe('Hello-World.tar.gz');
		expect(expand('${S/.tar/}', v)).toBe('Hello/World.gz');
		// Without the second slash the pattern runs to the end of the text: Go's parser refuses it too.
		expect(envsubst('${S/.tar}', vars(v)).ok).toBe(false);
	});

	it('fails on malformed expressions, as Flux fails the build', () => {
		for (const text of ['${}', '${ VAR }', '${VAR', '${VAR-default}', '${VAR:=unterminated', '${#}']) {
			const result = envsubst(text, vars({VAR: 'x'}));
			expect(result.ok, text).toBe(false);
		}
	});

	it('in strict mode, refuses unset variables without a default', () => {
		expect(envsubst('${MISSING}', vars({}), {strict: true})).toEqual({ok: false, error: 'variable not set (strict mode): "MISSING"'});
		expect(envsubst('${MISSING^^}', vars({}), {strict: true}).ok).toBe(false);
		expect(expand('${MISSING:=fallback}', {}, true)).toBe('fallback');
		expect(expand('${EMPTY}', {EMPTY: ''}, true)).toBe('');
	});
});

describe('fluxVariables', () => {
	it('strips newlines from values, as Flux does', () => {
		const result = fluxVariables({A: 'line1\nline2', B: 'x'});
		expect(result).toEqual({ok: true, vars: new Map([['A', 'line1line2'], ['B', 'x']])});
	});

	it('refuses names Flux refuses, and non-string values', () => {
		expect(fluxVariables({'1abc': 'x'}).ok).toBe(false);
		expect(fluxVariables({'with-dash': 'x'}).ok).toBe(false);
		expect(fluxVariables({N: 3}).ok).toBe(false);
		expect(fluxVariables(undefined)).toEqual({ok: true, vars: new Map()});
	});
});

describe('resolvePlainScalar: what a substituted plain scalar becomes in JSON', () => {
	it.each([
		['3', 3],
		['-12', -12],
		['0644', 420],
		['0x1F', 31],
		['0o17', 15],
		['0b101', 5],
		['1_000', 1000],
		['1.5', 1.5],
		['1e3', 1000],
		['', null],
		['~', null],
		['null', null],
		['true', true],
		['yes', true],
		['Off', false],
		['nginx:1.25', 'nginx:1.25'],
		['1.2.3', '1.2.3'],
		['12:30', '12:30'],
		['-', '-'],
	])('%j → %j', (text, value) => {
		expect(resolvePlainScalar(text)).toEqual(value);
	});
});

describe('substitutionDisabled', () => {
	const object = (metadata: Record<string, unknown>) => ({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'x', ...metadata}});
	it('is set by the annotation or the label', () => {
		expect(substitutionDisabled(object({annotations: {'kustomize.toolkit.fluxcd.io/substitute': 'disabled'}}))).toBe(true);
		expect(substitutionDisabled(object({labels: {'kustomize.toolkit.fluxcd.io/substitute': 'disabled'}}))).toBe(true);
		expect(substitutionDisabled(object({annotations: {'kustomize.toolkit.fluxcd.io/substitute': 'enabled'}}))).toBe(false);
		expect(substitutionDisabled(object({}))).toBe(false);
	});
});
