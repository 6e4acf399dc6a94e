/**
 * startSandbox({gitops}) starts the simulated Flux and Argo CD controllers with the sandbox and stops them with
 * it: a GitRepository created over HTTPS is fetched without anyone calling the controllers.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {CustomObjectsApi, KubeConfig} from '@kubernetes/client-node';
import {describe, expect, it} from 'vitest';
import {startSandbox} from '../../../source/sandbox/index.js';
import {commitFiles, initRepo, makeRepoTempDir, repoTestEnv} from '../../support/repo-helpers.js';

describe('startSandbox with gitops', () => {
	it('runs the controllers on the sandbox and stops them with it', async () => {
		const temp = makeRepoTempDir();
		const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'gitops-tui-cache-'));
		const env = repoTestEnv(temp.dir);
		initRepo(temp.dir + '/repo', env);
		const sha = commitFiles(temp.dir + '/repo', env, {'a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n'}, {message: 'a', date: '2026-11-22T09:00:00Z'});
		const sandbox = await startSandbox({simulate: false, gitops: {cacheDir, controllers: ['source']}});
		try {
			expect(sandbox.gitops).toBeDefined();
			const config = new KubeConfig();
			config.loadFromString(sandbox.kubeconfig());
			const custom = config.makeApiClient(CustomObjectsApi);
			const coordinates = {group: 'source.toolkit.fluxcd.io', version: 'v1', plural: 'gitrepositories', namespace: 'default'};
			await custom.createNamespacedCustomObject({...coordinates, body: {apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', metadata: {name: 'repo'}, spec: {interval: '1m', url: `file://${temp.dir}/repo`, ref: {branch: 'main'}}}});
			await sandbox.gitops!.settle();
			const source = (await custom.getNamespacedCustomObject({...coordinates, name: 'repo'})) as {status: {artifact: {revision: string}}};
			expect(source.status.artifact.revision).toBe(`main@sha1:${sha}`);
		} finally {
			await sandbox.stop();
			temp.cleanup();
			rmSync(cacheDir, {recursive: true, force: true});
		}
		expect(sandbox.gitops!.pendingTimers()).toBe(0);
	});
});
