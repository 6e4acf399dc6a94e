/**
 * No render reads outside the repository, for any engine and any way of pointing there: an app path, a
 * kustomize base or resource directory (as written or through a symlink, directly or from a base), a generator
 * file, the kustomization file itself, a Flux overlay's component or generated manifest list, a Helm chart's
 * files and values files. The canary outside must appear in no result, and each render fails on its own.
 */
import {chmodSync, existsSync, mkdirSync, symlinkSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {createFindBinary, createProcessRunner} from '../../../source/repo/process-runner.js';
import {renderPath, type RenderRequest} from '../../../source/repo/render/index.js';
import type {RenderTools} from '../../../source/repo/render/tool-output.js';
import {makeRepoTempDir} from '../../support/repo-helpers.js';

const canary = 'CANARY-OUTSIDE-REPO-a83c';
const env = {PATH: process.env.PATH, HOME: process.env.HOME};
const realFind = createFindBinary(env);
/** The real `kubectl kustomize` (kustomize itself may be absent). */
const tools: RenderTools = {run: createProcessRunner(), env, findBinary: async name => (name === 'kustomize' ? undefined : realFind(name))};

const temp = makeRepoTempDir('gitops-tui-render-boundary-');
afterAll(() => temp.cleanup());
const root = path.join(temp.dir, 'repo');
const outside = path.join(temp.dir, 'outside');
const configMap = (name: string, value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\ndata: {value: ${value}}\n`;

function write(file: string, text: string): void {
	mkdirSync(path.dirname(file), {recursive: true});
	writeFileSync(file, text);
}

function link(target: string, at: string): void {
	mkdirSync(path.dirname(path.join(root, at)), {recursive: true});
	symlinkSync(target, path.join(root, at));
}

// Outside: an operator's secret and a perfectly buildable kustomize base that would leak it as an object.
write(path.join(outside, 'id_rsa'), `${canary}\n`);
write(path.join(outside, 'base/kustomization.yaml'), 'resources: [cm.yaml]\n');
write(path.join(outside, 'base/cm.yaml'), configMap('stolen', canary));
write(path.join(outside, 'component/kustomization.yaml'), `apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [cm.yaml]\n`);
write(path.join(outside, 'component/cm.yaml'), configMap('stolen', canary));
write(path.join(outside, 'values.yaml'), `leak: ${canary}\n`);
// Inside: a base that is fine, and apps pointing out in every way.
write(path.join(root, 'base/kustomization.yaml'), 'resources: [cm.yaml]\n');
write(path.join(root, 'base/cm.yaml'), configMap('fine', 'ok'));
write(path.join(root, 'apps/good/kustomization.yaml'), 'resources: [../../base]\n');
write(path.join(root, 'apps/plain/cm.yaml'), configMap('plain', 'ok'));
link(outside, 'apps/linked-dir');
write(path.join(root, 'apps/base-outside/kustomization.yaml'), `resources: [../../../outside/base]\n`);
write(path.join(root, 'apps/base-absolute/kustomization.yaml'), `resources: [${path.join(outside, 'base')}]\n`);
write(path.join(root, 'apps/base-linked/kustomization.yaml'), 'resources: [base]\n');
link(path.join(outside, 'base'), 'apps/base-linked/base');
write(path.join(root, 'apps/transitive/kustomization.yaml'), 'resources: [../../evil-base]\n');
write(path.join(root, 'evil-base/kustomization.yaml'), 'bases: [../../outside/base]\n');
write(path.join(root, 'apps/generator-absolute/kustomization.yaml'), `secretGenerator:\n- name: s\n  files: [key=${path.join(outside, 'id_rsa')}]\n`);
write(path.join(root, 'apps/generator-relative/kustomization.yaml'), 'configMapGenerator:\n- name: c\n  envs: [../../../outside/id_rsa]\n');
link(path.join(outside, 'base/kustomization.yaml'), 'apps/kustomization-linked/kustomization.yaml');
write(path.join(root, 'apps/flux-plain/cm.yaml'), configMap('flux', 'ok'));
link(path.join(outside, 'base/cm.yaml'), 'apps/flux-linked-file/stolen.yaml');
write(path.join(root, 'apps/flux-linked-file/cm.yaml'), configMap('flux', 'ok'));
write(path.join(root, 'charts/leaky/Chart.yaml'), 'apiVersion: v2\nname: leaky\nversion: 0.1.0\n');
link(path.join(outside, 'id_rsa'), 'charts/leaky/files/id_rsa');
write(path.join(root, 'charts/clean/Chart.yaml'), 'apiVersion: v2\nname: clean\nversion: 0.1.0\n');

/** A stand-in helm that leaves a mark if it ever runs. */
const helmMark = path.join(temp.dir, 'helm-ran');
const helmBin = path.join(temp.dir, 'helm-bin');
write(path.join(helmBin, 'helm'), `#!/bin/sh\ntouch '${helmMark}'\n`);
chmodSync(path.join(helmBin, 'helm'), 0o755);
const helmEnv = {PATH: `${helmBin}${path.delimiter}${process.env.PATH}`};
const helmTools: RenderTools = {run: createProcessRunner(), findBinary: createFindBinary(helmEnv), env: helmEnv};

async function refused(request: Omit<RenderRequest, 'root' | 'tools'> & {tools?: RenderTools}, message: RegExp): Promise<void> {
	const result = await renderPath({root, tools, tempDir: temp.dir, ...request});
	expect(JSON.stringify(result)).not.toContain(canary);
	expect(result.ok).toBe(false);
	if (result.ok) return;
	expect(result.error.kind).toBe('out-of-bounds');
	expect(result.error.message).toMatch(message);
}

describe('the repository is a boundary for every render', () => {
	it('still builds bases inside the repository', async () => {
		const result = await renderPath({root, path: 'apps/good', tools});
		expect(result.ok && result.objects.map(item => item.object.metadata.name)).toEqual(['fine']);
	});

	it.each([
		['../outside', /contains ".."/],
		['apps/../../outside/base', /contains ".."/],
		['apps/linked-dir', /symlink leaving the repository/],
	])('refuses the app path %s, whatever the engine', async (appPath, message) => {
		await refused({path: appPath}, message);
		await refused({path: appPath, kind: 'kustomize'}, message);
		await refused({path: appPath, kind: 'directory'}, message);
		await refused({path: appPath, flux: {kustomize: {namePrefix: 'x-'}}}, message);
	});

	it.each([
		['apps/base-outside', /names \.\.\/\.\.\/\.\.\/outside\/base leaves the repository/],
		['apps/base-absolute', /absolute path/],
		['apps/base-linked', /symlink leaving the repository/],
		['apps/transitive', /evil-base\/kustomization\.yaml names \.\.\/\.\.\/outside\/base leaves the repository/],
		['apps/generator-absolute', /absolute path/],
		['apps/generator-relative', /leaves the repository/],
		['apps/kustomization-linked', /symlink leaving the repository/],
	])('refuses the kustomization %s before kustomize runs', async (appPath, message) => {
		await refused({path: appPath}, message);
	});

	it('refuses a Flux overlay component outside, a generated manifest list with a link out, and a base outside under the overlay', async () => {
		await refused({path: 'apps/flux-plain', flux: {kustomize: {components: ['../../../outside/component']}}}, /component .* leaves the repository/);
		await refused({path: 'apps/flux-plain', flux: {kustomize: {components: [path.join(outside, 'component')]}}}, /absolute path/);
		await refused({path: 'apps/flux-linked-file', flux: {kustomize: {namePrefix: 'x-'}}}, /stolen\.yaml is a symlink leaving the repository/);
		await refused({path: 'apps/base-outside', flux: {kustomize: {namePrefix: 'x-'}}}, /leaves the repository/);
		const fine = await renderPath({root, path: 'apps/flux-plain', tools, tempDir: temp.dir, flux: {kustomize: {namePrefix: 'x-'}}});
		expect(fine.ok && fine.objects.map(item => item.object.metadata.name)).toEqual(['x-flux']);
	});

	it('refuses a chart with a file linked out, and values files outside, without running helm', async () => {
		await refused({path: 'charts/leaky', tools: helmTools}, /charts\/leaky\/files\/id_rsa is a symlink leaving the repository/);
		await refused({path: 'charts/clean', tools: helmTools, kind: 'helm', helm: {releaseName: 'clean', valueFiles: ['../../../outside/values.yaml']}}, /values file .* leaves the repository/);
		await refused({path: 'charts/clean', tools: helmTools, kind: 'helm', helm: {releaseName: 'clean', valueFiles: [path.join(outside, 'values.yaml')]}}, /absolute path/);
		expect(existsSync(helmMark)).toBe(false);
	});
});
