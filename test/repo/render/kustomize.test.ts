import {describe, expect, it} from 'vitest';
import {createFindBinary, createProcessRunner, type ProcessCall, type ProcessResult} from '../../../source/repo/process-runner.js';
import {buildKustomization, renderKustomize} from '../../../source/repo/render/kustomize.js';
import type {RenderTools} from '../../../source/repo/render/tool-output.js';
import {repoFixtures} from '../../support/repo-helpers.js';

const env = {PATH: process.env.PATH, HOME: process.env.HOME};
const realFind = createFindBinary(env);

/** The real tools, but pretending the named binaries are not installed. */
function toolsWithout(...missing: string[]): RenderTools {
	return {run: createProcessRunner(), env, findBinary: async name => (missing.includes(name) ? undefined : realFind(name))};
}

function fakeTools(result: ProcessResult, installed: string[]): {tools: RenderTools; calls: ProcessCall[]} {
	const calls: ProcessCall[] = [];
	return {
		calls,
		tools: {
			env,
			findBinary: async name => (installed.includes(name) ? `/usr/local/bin/${name}` : undefined),
			run: async call => {
				calls.push(call);
				return result;
			},
		},
	};
}

describe('renderKustomize', () => {
	it('builds an overlay over its base with kubectl kustomize when kustomize is absent', async () => {
		const result = await renderKustomize({root: repoFixtures, path: 'kustomize/overlays/prod', tools: toolsWithout('kustomize')});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const byKind = Object.fromEntries(result.objects.map(o => [o.object.kind, o.object]));
		expect(Object.keys(byKind).sort()).toEqual(['Deployment', 'Service']);
		expect(byKind.Deployment!.metadata).toMatchObject({name: 'prod-api', namespace: 'prod'});
		expect(byKind.Deployment!.spec).toMatchObject({replicas: 3, template: {spec: {containers: [{image: 'example.com/api:1.2.3'}]}}});
		// Lines would count in kustomize's output, not in any file: none are claimed.
		expect(result.objects.every(o => o.line === undefined && o.file === undefined)).toBe(true);
	});

	it('prefers kustomize build when it is on PATH, with kustomize\'s default load restrictions', async () => {
		const output = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n';
		const fake = fakeTools({ok: true, stdout: output, stderr: ''}, ['kustomize', 'kubectl']);
		const result = await buildKustomization({root: '/tree', path: 'apps/web', dir: '/tree/apps/web', tools: fake.tools, limits: {toolTimeoutMs: 1234}});
		expect(result.ok && result.objects.map(o => o.object.metadata.name)).toEqual(['a']);
		expect(fake.calls[0]).toMatchObject({
			command: '/usr/local/bin/kustomize',
			args: ['build', '/tree/apps/web'],
			timeoutMs: 1234,
		});
	});

	it('says clearly when neither kustomize nor kubectl is installed', async () => {
		const fake = fakeTools({ok: true, stdout: '', stderr: ''}, []);
		const result = await buildKustomization({root: '/tree', path: 'apps/web', dir: '/tree/apps/web', tools: fake.tools});
		expect(result).toEqual({ok: false, error: {kind: 'kustomize-missing', message: 'neither kustomize nor kubectl is installed; cannot build the kustomization at apps/web'}});
		expect(fake.calls).toEqual([]);
	});

	it('names the file and line of broken YAML inside a kustomization', async () => {
		const result = await renderKustomize({root: repoFixtures, path: 'kustomize-broken', tools: toolsWithout('kustomize')});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error).toMatchObject({kind: 'yaml', file: 'kustomize-broken/config.yaml', line: 7});
	});

	it('reports other kustomize failures without klog noise or absolute cache paths', async () => {
		const stderr = `E1122 02:51:51.024160   11335 run.go:72] "command failed" err="accumulating resources: accumulation err='accumulating resources from 'missing.yaml': evalsymlink failure on '/tree/apps/web/missing.yaml' : lstat /tree/apps/web/missing.yaml: no such file or directory'"\n`;
		const fake = fakeTools({ok: false, error: {kind: 'exit', message: 'x', exitCode: 1, stderr}}, ['kubectl']);
		const result = await buildKustomization({root: '/tree', path: 'apps/web', dir: '/tree/apps/web', tools: fake.tools});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error.kind).toBe('kustomize');
		expect(result.error.message.startsWith('kubectl kustomize apps/web: accumulating resources')).toBe(true);
		expect(result.error.message).toContain("'apps/web/missing.yaml'");
		expect(result.error.message).not.toContain('/tree');
		expect(result.error.message).not.toContain('run.go');
	});

	it('turns a hung build into a timeout error', async () => {
		const fake = fakeTools({ok: false, error: {kind: 'timeout', message: 'kubectl kustomize timed out after 1s'}}, ['kubectl']);
		const result = await buildKustomization({root: '/tree', path: 'apps/web', dir: '/tree/apps/web', tools: fake.tools});
		expect(result.ok === false && result.error.kind).toBe('timeout');
	});

	it('notes a kustomization that renders nothing', async () => {
		const fake = fakeTools({ok: true, stdout: '', stderr: ''}, ['kubectl']);
		const result = await buildKustomization({root: '/tree', path: 'apps/web', dir: '/tree/apps/web', tools: fake.tools});
		expect(result.ok && result.notes.map(n => n.kind)).toEqual(['empty-render']);
	});
});
