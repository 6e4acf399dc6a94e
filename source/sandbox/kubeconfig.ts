/**
 * The kubeconfig that points kubectl and client-node at a sandbox: one cluster with the sandbox's
 * CA, one user per sandbox user (bearer token), contexts `<name>` (first user, current) and
 * `<name>-<user>` for the others (`sandbox` and `sandbox-viewer` by default).
 */
import {dump} from 'js-yaml';
import type {SandboxUser} from './types.js';

export type KubeconfigInput = {name: string; url: string; caPem: string; users: SandboxUser[]};

/** The context name of a user: the first user gets the plain name. */
export function contextName(input: {name: string; users: SandboxUser[]}, user: SandboxUser): string {
	return input.users[0] === user ? input.name : `${input.name}-${user.name}`;
}

export function renderKubeconfig(input: KubeconfigInput): string {
	const config = {
		apiVersion: 'v1',
		kind: 'Config',
		preferences: {},
		clusters: [{name: input.name, cluster: {server: input.url, 'certificate-authority-data': Buffer.from(input.caPem, 'utf8').toString('base64')}}],
		users: input.users.map(user => ({name: `${input.name}-${user.name}`, user: {token: user.token}})),
		contexts: input.users.map(user => ({name: contextName(input, user), context: {cluster: input.name, user: `${input.name}-${user.name}`, namespace: 'default'}})),
		'current-context': input.users[0] ? contextName(input, input.users[0]) : '',
	};
	return dump(config, {lineWidth: -1});
}
