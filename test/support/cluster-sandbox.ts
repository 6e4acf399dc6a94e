/**
 * Connects the cluster edge to sandboxes the way the CLI does: the sandbox's kubeconfig written to a
 * file, loaded, and a client built per context. Also renames a sandbox's contexts so several sandboxes
 * (and fake dead or slow servers) can share one kubeconfig.
 */
import {dump, load} from 'js-yaml';
import type {ContextClient} from '../../source/cluster/context-client.js';
import {openContexts} from '../../source/cluster/open-contexts.js';
import type {ClusterRuntime} from '../../source/cluster/runtime.js';
import {clusterTempDir} from './cluster-kubeconfig.js';
import {testRuntime} from './cluster-runtime.js';

type RawKubeconfig = {
	'current-context'?: string;
	clusters: Array<{name: string; cluster: Record<string, unknown>}>;
	users: Array<{name: string; user: Record<string, unknown>}>;
	contexts: Array<{name: string; context: {cluster: string; user: string; namespace?: string}}>;
};

/** A kubeconfig's YAML with every cluster, user and context name prefixed (`a-sandbox`, `a-sandbox-viewer`). */
export function prefixKubeconfig(yaml: string, prefix: string): RawKubeconfig {
	const raw = load(yaml) as RawKubeconfig;
	return {
		...(raw['current-context'] ? {'current-context': `${prefix}${raw['current-context']}`} : {}),
		clusters: raw.clusters.map(entry => ({...entry, name: `${prefix}${entry.name}`})),
		users: raw.users.map(entry => ({...entry, name: `${prefix}${entry.name}`})),
		contexts: raw.contexts.map(entry => ({
			name: `${prefix}${entry.name}`,
			context: {...entry.context, cluster: `${prefix}${entry.context.cluster}`, user: `${prefix}${entry.context.user}`},
		})),
	};
}

/** Joins kubeconfigs (first current-context wins) into one YAML document. */
export function joinKubeconfigs(parts: RawKubeconfig[]): string {
	return dump({
		apiVersion: 'v1',
		kind: 'Config',
		'current-context': parts.find(part => part['current-context'])?.['current-context'],
		clusters: parts.flatMap(part => part.clusters),
		users: parts.flatMap(part => part.users),
		contexts: parts.flatMap(part => part.contexts),
	});
}

/** A kubeconfig fragment for a server that is not a sandbox (dead port, hanging server). */
export function extraContext(name: string, server: string, token = 'not-a-real-token'): RawKubeconfig {
	return {
		clusters: [{name, cluster: {server, 'insecure-skip-tls-verify': true}}],
		users: [{name, user: {token}}],
		contexts: [{name, context: {cluster: name, user: name}}],
	};
}

/** Clients for the named contexts of `kubeconfigYaml`; `close()` closes them and removes the file. */
export async function openTestClients(
	kubeconfigYaml: string,
	contexts: string[],
	options: {readOnly?: boolean; timeoutMs?: number; runtime?: ClusterRuntime} = {},
): Promise<{clients: ContextClient[]; file: string; close(): Promise<void>}> {
	const temp = await clusterTempDir();
	const file = await temp.write('kubeconfig', kubeconfigYaml);
	const opened = await openContexts(
		{explicitFile: file, homeDir: temp.dir, cwd: temp.dir},
		{contexts},
		{runtime: options.runtime ?? testRuntime(), readOnly: options.readOnly ?? false, timeoutMs: options.timeoutMs ?? 5000},
	);
	if (!opened.ok) throw new Error(opened.error.message);
	const clients = opened.value.contexts.map(context => {
		if (!context.client.ok) throw new Error(context.client.error.message);
		return context.client.value;
	});
	return {
		clients,
		file,
		async close() {
			opened.value.close();
			await temp.remove();
		},
	};
}
