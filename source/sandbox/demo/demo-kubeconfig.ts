/**
 * One kubeconfig for the demo's clusters: a cluster, an admin user (bearer token) and a context per sandbox,
 * named after the context, as a platform engineer's merged kubeconfig looks.
 */
import {dump} from 'js-yaml';

/** One cluster of the kubeconfig. */
export type DemoCluster = {name: string; url: string; caPem: string; token: string};

/** The kubeconfig text; `current` is the current-context. */
export function demoKubeconfig(clusters: readonly DemoCluster[], current: string): string {
	const config = {
		apiVersion: 'v1',
		kind: 'Config',
		preferences: {},
		clusters: clusters.map(cluster => ({
			name: cluster.name,
			cluster: {server: cluster.url, 'certificate-authority-data': Buffer.from(cluster.caPem, 'utf8').toString('base64')},
		})),
		users: clusters.map(cluster => ({name: `${cluster.name}-admin`, user: {token: cluster.token}})),
		contexts: clusters.map(cluster => ({name: cluster.name, context: {cluster: cluster.name, user: `${cluster.name}-admin`, namespace: 'default'}})),
		'current-context': current,
	};
	return dump(config, {lineWidth: -1});
}
