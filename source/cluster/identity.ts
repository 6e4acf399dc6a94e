/**
 * Who am I and can I, per context: SelfSubjectReview (falling back to the kubeconfig's user when the
 * server does not serve it, as v1.26 and older do not) and SelfSubjectAccessReview, through client-node's
 * generated clients over our transport. Answers are cached briefly: the UI asks the same question for
 * every row and every key press, and RBAC rarely changes within seconds.
 */
import {AuthenticationV1Api, AuthorizationV1Api} from '@kubernetes/client-node';
import {callApi, makeApiClient} from './client-node-bridge.js';
import type {ContextClient} from './context-client.js';
import {succeeded, type ClusterResult} from './failure.js';

/** Who the server says we are, or (`source: 'kubeconfig'`) who the kubeconfig says we are. */
export type Identity = {username: string; groups: string[]; source: 'server' | 'kubeconfig'};

/** A can-I question, as `kubectl auth can-i VERB RESOURCE [-n NS] [NAME]`. */
export type AccessQuestion = {verb: string; group?: string; resource: string; subresource?: string; namespace?: string; name?: string};

/** The server's answer; `reason` says why (RBAC's explanation) when it gives one. */
export type AccessAnswer = {allowed: boolean; denied?: boolean; reason?: string};

/** Identity and permission checks for one context. */
export type IdentityService = {
	whoami(): Promise<ClusterResult<Identity>>;
	canI(question: AccessQuestion): Promise<ClusterResult<AccessAnswer>>;
};

/** Creates the service; `ttlMs` (default 30 s) bounds how stale a cached answer may be. */
export function createIdentityService(client: ContextClient, options: {now: () => number; ttlMs?: number}): IdentityService {
	const ttlMs = options.ttlMs ?? 30_000;
	const authentication = makeApiClient(client.transport, AuthenticationV1Api);
	const authorization = makeApiClient(client.transport, AuthorizationV1Api);
	const cache = new Map<string, {at: number; value: unknown}>();

	const cached = async <T>(key: string, ask: () => Promise<ClusterResult<T>>): Promise<ClusterResult<T>> => {
		const hit = cache.get(key);
		if (hit && options.now() - hit.at < ttlMs) return succeeded(hit.value as T);
		const result = await ask();
		// Only answers are cached: a timeout now should not hide a working server for the next 30 s.
		if (result.ok) cache.set(key, {at: options.now(), value: result.value});
		return result;
	};

	return {
		whoami: async () =>
			cached('whoami', async () => {
				const review = await callApi(async () =>
					authentication.createSelfSubjectReview({body: {apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview'}}),
				);
				if (review.ok) {
					const info = review.value.status?.userInfo;
					return succeeded({username: info?.username ?? '', groups: info?.groups ?? [], source: 'server' as const});
				}

				if (review.error.kind !== 'not-found' && review.error.kind !== 'forbidden') return review;
				const beta = await client.transport.request({
					method: 'POST',
					path: '/apis/authentication.k8s.io/v1beta1/selfsubjectreviews',
					headers: {'Content-Type': 'application/json'},
					body: JSON.stringify({apiVersion: 'authentication.k8s.io/v1beta1', kind: 'SelfSubjectReview'}),
				});
				if (beta.ok) {
					const info = (JSON.parse(beta.value.body) as {status?: {userInfo?: {username?: string; groups?: string[]}}}).status?.userInfo;
					return succeeded({username: info?.username ?? '', groups: info?.groups ?? [], source: 'server' as const});
				}

				return succeeded(kubeconfigIdentity(client));
			}),
		canI: async question =>
			cached(`can-i ${JSON.stringify(question)}`, async () => {
				const review = await callApi(async () =>
					authorization.createSelfSubjectAccessReview({
						body: {
							apiVersion: 'authorization.k8s.io/v1',
							kind: 'SelfSubjectAccessReview',
							spec: {resourceAttributes: {...question, group: question.group ?? ''}},
						},
					}),
				);
				if (!review.ok) return review;
				const status = review.value.status;
				const answer: AccessAnswer = {allowed: status?.allowed === true};
				if (status?.denied) answer.denied = true;
				if (status?.reason) answer.reason = status.reason;
				return succeeded(answer);
			}),
	};
}

/** The user as the kubeconfig names it: an impersonated user, a basic-auth username, or the entry's name. */
export function kubeconfigIdentity(client: ContextClient): Identity {
	const {user} = client.context;
	return {username: user.impersonate ?? user.username ?? (user.name || 'anonymous'), groups: user.impersonateGroups ?? [], source: 'kubeconfig'};
}
