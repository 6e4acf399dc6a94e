import {describe, expect, it} from 'vitest';
import {applyJsonPatch} from '../../../source/sandbox/patch/index.js';

const doc = () => ({
	metadata: {labels: {app: 'web', 'app.kubernetes.io/name': 'web', 'a~b': 'tilde'}},
	spec: {replicas: 2, args: ['a', 'b', 'c']},
});

function patched(ops: unknown, target: unknown = doc()): unknown {
	const result = applyJsonPatch(target, ops);
	if (!result.ok) throw new Error(result.message);
	return result.value;
}

function failure(ops: unknown, target: unknown = doc()): string {
	const result = applyJsonPatch(target, ops);
	if (result.ok) throw new Error('expected the patch to fail');
	return result.message;
}

describe('applyJsonPatch', () => {
	it('adds object members, list items by index and at the end with -', () => {
		expect(patched([{op: 'add', path: '/spec/paused', value: true}])).toMatchObject({spec: {paused: true}});
		expect(patched([{op: 'add', path: '/spec/args/1', value: 'x'}])).toMatchObject({spec: {args: ['a', 'x', 'b', 'c']}});
		expect(patched([{op: 'add', path: '/spec/args/-', value: 'z'}])).toMatchObject({spec: {args: ['a', 'b', 'c', 'z']}});
		expect(patched([{op: 'add', path: '/spec/args/3', value: 'end'}])).toMatchObject({spec: {args: ['a', 'b', 'c', 'end']}});
		expect(patched([{op: 'add', path: '', value: {whole: 1}}])).toEqual({whole: 1});
	});

	it('unescapes ~1 and ~0 in pointers', () => {
		const result = patched([
			{op: 'replace', path: '/metadata/labels/app.kubernetes.io~1name', value: 'api'},
			{op: 'remove', path: '/metadata/labels/a~0b'},
		]);
		expect(result).toEqual({metadata: {labels: {app: 'web', 'app.kubernetes.io/name': 'api'}}, spec: {replicas: 2, args: ['a', 'b', 'c']}});
	});

	it('removes, replaces in place, moves and copies', () => {
		expect(patched([{op: 'remove', path: '/spec/args/0'}])).toMatchObject({spec: {args: ['b', 'c']}});
		const replaced = patched([{op: 'replace', path: '/spec/replicas', value: 5}]) as {spec: object};
		expect(Object.keys(replaced.spec)).toEqual(['replicas', 'args']);
		expect(replaced).toMatchObject({spec: {replicas: 5}});
		expect(patched([{op: 'move', from: '/spec/replicas', path: '/metadata/replicas'}])).toEqual({
			metadata: {labels: doc().metadata.labels, replicas: 2},
			spec: {args: ['a', 'b', 'c']},
		});
		const copied = patched([{op: 'copy', from: '/spec/args', path: '/spec/command'}]) as {spec: {args: string[]; command: string[]}};
		expect(copied.spec.command).toEqual(['a', 'b', 'c']);
		expect(copied.spec.command).not.toBe(copied.spec.args);
	});

	it('tests values by deep equality, and a passing test changes nothing', () => {
		expect(patched([{op: 'test', path: '/spec', value: {args: ['a', 'b', 'c'], replicas: 2}}])).toEqual(doc());
		expect(failure([{op: 'test', path: '/spec/replicas', value: 3}])).toBe('testing value /spec/replicas failed: test failed');
		expect(failure([{op: 'test', path: '/spec/missing', value: 3}])).toBe('testing value /spec/missing failed: test failed');
	});

	it('applies all operations or none', () => {
		const target = doc();
		expect(failure([{op: 'replace', path: '/spec/replicas', value: 9}, {op: 'test', path: '/spec/replicas', value: 2}], target)).toContain('test failed');
		expect(target.spec.replicas).toBe(2);
	});

	it('reports operations that do not apply', () => {
		expect(failure([{op: 'add', path: '/spec/missing/deep', value: 1}])).toBe('add operation does not apply: doc is missing path: "/spec/missing/deep": missing value');
		expect(failure([{op: 'remove', path: '/spec/nope'}])).toBe('remove operation does not apply: doc is missing path: "/spec/nope": missing value');
		expect(failure([{op: 'replace', path: '/spec/nope', value: 1}])).toBe('replace operation does not apply: doc is missing key: /spec/nope: missing value');
		expect(failure([{op: 'move', from: '/nope', path: '/x'}])).toBe('move operation does not apply: doc is missing from path: "/nope": missing value');
		expect(failure([{op: 'copy', from: '/nope', path: '/x'}])).toBe('copy operation does not apply: doc is missing from path: /nope: missing value');
		expect(failure([{op: 'move', from: '/spec', path: '/spec/inner'}])).toContain('cannot move /spec into its own child');
		expect(failure([{op: 'add', path: '/spec/args/7', value: 1}])).toContain('Unable to access invalid index: 7');
		expect(failure([{op: 'add', path: '/spec/args/01', value: 1}])).toContain('invalid array index');
		expect(failure([{op: 'remove', path: '/spec/args/-'}])).toContain('remove operation does not apply');
		expect(failure([{op: 'frobnicate', path: '/spec'}])).toBe('Unexpected kind: frobnicate');
		expect(failure([{op: 'add', path: '/spec/x'}])).toBe('operation 0: add operation missing value');
		expect(failure([{op: 'add', path: 'spec', value: 1}])).toContain('must start with /');
		expect(failure({op: 'add'})).toBe('json patch must be a list of operations');
	});

	it('never mutates the target', () => {
		const target = doc();
		patched([{op: 'remove', path: '/spec/args/0'}, {op: 'add', path: '/metadata/labels/x', value: 'y'}], target);
		expect(target).toEqual(doc());
	});
});
