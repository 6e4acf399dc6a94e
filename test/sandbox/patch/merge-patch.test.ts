import {describe, expect, it} from 'vitest';
import {applyMergePatch} from '../../../source/sandbox/patch/index.js';

describe('applyMergePatch', () => {
	const target = () => ({
		metadata: {labels: {app: 'web', tier: 'front'}, annotations: {note: 'x'}},
		spec: {replicas: 2, template: {spec: {containers: [{name: 'web', image: 'nginx:1.25'}, {name: 'side', image: 'busybox'}]}}},
	});

	it('merges objects key by key and deletes keys patched to null', () => {
		expect(applyMergePatch(target(), {metadata: {labels: {tier: null, team: 'a'}, annotations: null}, spec: {replicas: 3}})).toEqual({
			metadata: {labels: {app: 'web', team: 'a'}},
			spec: {replicas: 3, template: target().spec.template},
		});
	});

	it('replaces lists whole (no merge by name)', () => {
		const result = applyMergePatch(target(), {spec: {template: {spec: {containers: [{name: 'web', image: 'nginx:1.26'}]}}}});
		expect(result).toMatchObject({spec: {template: {spec: {containers: [{name: 'web', image: 'nginx:1.26'}]}}}});
	});

	it('creates missing objects and drops nulls inside them', () => {
		expect(applyMergePatch({}, {spec: {paused: true, gone: null}})).toEqual({spec: {paused: true}});
		expect(applyMergePatch({spec: 'scalar'}, {spec: {a: 1}})).toEqual({spec: {a: 1}});
	});

	it('replaces the whole document with a non-object patch', () => {
		expect(applyMergePatch(target(), ['a'])).toEqual(['a']);
		expect(applyMergePatch(target(), 'text')).toBe('text');
	});

	it('never mutates the target or the patch', () => {
		const original = target();
		const patch = {spec: {template: {spec: {containers: [{name: 'x'}]}}}};
		const result = applyMergePatch(original, patch) as ReturnType<typeof target>;
		expect(original).toEqual(target());
		result.spec.template.spec.containers[0]!.name = 'changed';
		expect(patch.spec.template.spec.containers[0]!.name).toBe('x');
	});
});
