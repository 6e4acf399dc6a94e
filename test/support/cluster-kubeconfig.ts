/**
 * Kubeconfig fixtures for the cluster edge's tests: YAML text built from a few fields, written into a
 * temporary directory that the caller removes.
 */
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {dump} from 'js-yaml';

/** One context with its own cluster and user, in kubeconfig terms. */
export type FixtureContext = {
	name: string;
	server: string;
	user?: Record<string, unknown>;
	userName?: string;
	clusterName?: string;
	namespace?: string;
	cluster?: Record<string, unknown>;
};

/** Kubeconfig YAML for the given contexts. */
export function kubeconfigYaml(contexts: FixtureContext[], currentContext?: string): string {
	return dump({
		apiVersion: 'v1',
		kind: 'Config',
		...(currentContext ? {'current-context': currentContext} : {}),
		clusters: contexts.map(context => ({name: context.clusterName ?? `${context.name}-cluster`, cluster: {server: context.server, ...context.cluster}})),
		users: contexts.map(context => ({name: context.userName ?? `${context.name}-user`, user: context.user ?? {}})),
		contexts: contexts.map(context => ({
			name: context.name,
			context: {
				cluster: context.clusterName ?? `${context.name}-cluster`,
				user: context.userName ?? `${context.name}-user`,
				...(context.namespace ? {namespace: context.namespace} : {}),
			},
		})),
	});
}

/** A temporary directory for kubeconfig files and plugins; call `remove()` in afterEach/afterAll. */
export async function clusterTempDir(): Promise<{dir: string; write(name: string, text: string): Promise<string>; remove(): Promise<void>}> {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'gitops-tui-cluster-'));
	return {
		dir,
		async write(name, text) {
			const file = path.join(dir, name);
			await writeFile(file, text, {mode: 0o700});
			return file;
		},
		remove: async () => rm(dir, {recursive: true, force: true}),
	};
}
