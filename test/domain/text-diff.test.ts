import {describe, expect, it} from 'vitest';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {textDiff, toYaml} from '../../source/domain/text-diff.js';
import {kubeObject} from '../support/domain-objects.js';

const live = kubeObject(
	'apps/v1',
	'Deployment',
	'web',
	'shop',
	{spec: {replicas: 3, template: {spec: {containers: [{name: 'web', image: 'nginx:1.26'}]}}}, status: {replicas: 3}},
	{
		uid: 'u1',
		resourceVersion: '9',
		generation: 4,
		creationTimestamp: '2026-01-10T08:00:00Z',
		managedFields: [{manager: 'x', operation: 'Apply', apiVersion: 'apps/v1', fieldsType: 'FieldsV1', fieldsV1: {}}],
		annotations: {'kubectl.kubernetes.io/last-applied-configuration': '{"big": "blob"}'},
	},
);
const desired = kubeObject('apps/v1', 'Deployment', 'web', 'shop', {
	spec: {template: {spec: {containers: [{image: 'nginx:1.25', name: 'web'}]}}, replicas: 3},
});

describe('textDiff', () => {
	it('writes a unified diff of sorted YAML without server noise', () => {
		const result = textDiff({before: live, after: desired, beforeName: 'live/web', afterName: 'desired/web'});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.changed).toBe(true);
		const lines = result.diff.split('\n');
		expect(lines).toContain('--- live/web');
		expect(lines).toContain('+++ desired/web');
		expect(result.diff).toMatch(/^-\s+- image: nginx:1\.26$/m);
		expect(result.diff).toMatch(/^\+\s+- image: nginx:1\.25$/m);
		expect(lines.filter(line => /^[-+] /.test(line))).toHaveLength(2);
		for (const noise of ['managedFields', 'resourceVersion', 'uid:', 'last-applied', 'generation', 'status:']) {
			expect(result.diff).not.toContain(noise);
		}
	});

	it('says nothing changed for equal objects, whatever the key order', () => {
		const reordered: KubeObject = {metadata: {namespace: 'shop', name: 'web'}, kind: 'Deployment', apiVersion: 'apps/v1', spec: {replicas: 3, template: {spec: {containers: [{name: 'web', image: 'nginx:1.25'}]}}}};
		expect(textDiff({before: reordered, after: desired})).toEqual({ok: true, diff: '', changed: false});
		expect(toYaml({b: 1, a: {d: 1, c: 2}})).toBe('a:\n  c: 2\n  d: 1\nb: 1\n');
	});

	it('shows a missing object as all added and an extra one as all removed', () => {
		const missing = textDiff({after: desired});
		const extra = textDiff({before: desired});
		expect(missing.ok && missing.diff.split('\n').filter(line => line.startsWith('-') && !line.startsWith('---'))).toEqual([]);
		expect(extra.ok && extra.diff.split('\n').filter(line => line.startsWith('+') && !line.startsWith('+++'))).toEqual([]);
	});

	it('gives up on a pathological object within its bound, returning the changed paths instead', () => {
		const big = (prefix: string) => {
			const data: Record<string, string> = {};
			for (let index = 0; index < 20_000; index++) data[`key-${index}`] = `${prefix}-${index}`;
			return kubeObject('v1', 'ConfigMap', 'huge', 'shop', {data});
		};

		const started = Date.now();
		const result = textDiff({before: big('old'), after: big('new'), maxEditLength: 500});
		expect(Date.now() - started).toBeLessThan(10_000);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error.kind).toBe('too-large');
		expect(result.paths).toHaveLength(20_000);
		expect(result.paths[0]).toBe('.data.key-0');
	});

	it('honours the timeout bound', () => {
		const lines = (seed: number) => {
			const data: Record<string, string> = {};
			for (let index = 0; index < 30_000; index++) data[`k${(index * seed) % 30_011}`] = String((index * 7919 * seed) % 10_007);
			return kubeObject('v1', 'ConfigMap', 'noisy', 'shop', {data});
		};

		const result = textDiff({before: lines(3), after: lines(5), maxEditLength: Number.MAX_SAFE_INTEGER, timeoutMs: 50});
		expect(result.ok).toBe(false);
	});
});
