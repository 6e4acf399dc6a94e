/**
 * Helpers for the demo world's tests: client-node clients per demo context (the real client over the demo's
 * kubeconfig), `git` in the demo's clone, and reading Flux/Argo objects the way the engines are fed.
 */
import {execFile} from 'node:child_process';
import {promisify} from 'node:util';
import {CoreV1Api, CustomObjectsApi, KubeConfig, AppsV1Api} from '@kubernetes/client-node';
import type {KindRef} from '../../source/cluster/discovery.js';
import type {KubeObject} from '../../source/domain/kube-object.js';

const execFileAsync = promisify(execFile);

/** The clients of one demo context. */
export type DemoContextClients = {core: CoreV1Api; apps: AppsV1Api; custom: CustomObjectsApi; server: string};

/** client-node clients for a context of the kubeconfig file. */
export function demoClients(kubeconfigPath: string, context: string): DemoContextClients {
	const config = new KubeConfig();
	config.loadFromFile(kubeconfigPath);
	config.setCurrentContext(context);
	return {core: config.makeApiClient(CoreV1Api), apps: config.makeApiClient(AppsV1Api), custom: config.makeApiClient(CustomObjectsApi), server: config.getCurrentCluster()!.server};
}

/** Custom resources of a kind in every namespace, as plain objects. */
export async function listCustom(clients: DemoContextClients, kind: KindRef, plural: string): Promise<KubeObject[]> {
	const list = (await clients.custom.listClusterCustomObject({group: kind.group, version: kind.version, plural})) as {items: KubeObject[]};
	return list.items;
}

/** Runs git in a folder with no user or system configuration; resolves with the exit code and output. */
export async function demoGit(cwd: string, args: string[]): Promise<{code: number; output: string}> {
	const env = {PATH: process.env.PATH, HOME: cwd, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C'};
	try {
		const {stdout, stderr} = await execFileAsync('git', args, {cwd, env, timeout: 20_000});
		return {code: 0, output: `${stdout}${stderr}`};
	} catch (error) {
		const failure = error as {code?: number; stdout?: string; stderr?: string};
		return {code: typeof failure.code === 'number' ? failure.code : 1, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}`};
	}
}
