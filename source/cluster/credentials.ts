/**
 * How one kubeconfig user authenticates, resolved per request: a static or file-backed bearer token,
 * basic auth, client certificates, or an exec plugin; plus impersonation headers. Static TLS material
 * goes into the agent (tls-agent.ts); exec certificates rotate, so they come back with each call.
 */
import {createExecCredentialSource, type ExecCredentialSource} from './exec-credentials.js';
import {failed, succeeded, type ClusterResult} from './failure.js';
import type {KubeconfigCluster, KubeconfigUser} from './kubeconfig-types.js';
import type {ClusterRuntime} from './runtime.js';

/** What to add to one request: headers, and a client certificate when an exec plugin supplied one. */
export type RequestAuth = {
	headers: Record<string, string | string[]>;
	clientCertificate?: {cert: string; key: string};
};

/** A user's credentials, fetched (and refreshed) when a request needs them. */
export type CredentialSource = {
	get(): Promise<ClusterResult<RequestAuth>>;
	/** After a 401: forget cached tokens so the next request fetches fresh ones. */
	invalidate(): void;
	/** True when invalidating can help (exec plugins and token files rotate; a static token does not). */
	refreshable: boolean;
	/** Stops anything still running (an exec plugin) so a finished command can exit. */
	close(): void;
};

/** kubectl re-reads a token file about once a minute, so rotated service-account tokens are picked up. */
const tokenFileTtlMs = 60_000;

/** Creates the credential source for `user` talking to `cluster`. */
export function createCredentialSource(user: KubeconfigUser, cluster: KubeconfigCluster, runtime: ClusterRuntime): CredentialSource {
	const impersonation: Record<string, string | string[]> = {};
	if (user.impersonate) impersonation['Impersonate-User'] = user.impersonate;
	if (user.impersonateGroups?.length) impersonation['Impersonate-Group'] = user.impersonateGroups;

	if (user.authProvider && !user.exec && !user.token && !user.tokenFile) {
		return fixed(
			failed('credentials', `user "${user.name}" (in ${user.file}) uses auth-provider "${user.authProvider}", which gitops-tui does not support: use an exec plugin (e.g. kubelogin) instead`),
		);
	}

	// As client-go: a static token beats the exec plugin (its round-tripper leaves a set Authorization alone).
	if (user.token) return fixed(succeeded({headers: {...impersonation, Authorization: `Bearer ${user.token}`}}));
	if (user.tokenFile) return tokenFileSource(user, user.tokenFile, impersonation, runtime);
	if (user.exec) {
		const exec: ExecCredentialSource = createExecCredentialSource({exec: user.exec, cluster, runtime});
		return {
			refreshable: true,
			invalidate: () => exec.invalidate(),
			close: () => exec.close(),
			async get() {
				const result = await exec.get();
				if (!result.ok) return {ok: false, error: {...result.error, message: `user "${user.name}": ${result.error.message}`}};
				const auth: RequestAuth = {headers: {...impersonation}};
				if (result.value.token) auth.headers['Authorization'] = `Bearer ${result.value.token}`;
				if (result.value.clientCertificateData && result.value.clientKeyData) {
					auth.clientCertificate = {cert: result.value.clientCertificateData, key: result.value.clientKeyData};
				}

				return succeeded(auth);
			},
		};
	}

	if (user.username !== undefined && user.password !== undefined) {
		const basic = Buffer.from(`${user.username}:${user.password}`).toString('base64');
		return fixed(succeeded({headers: {...impersonation, Authorization: `Basic ${basic}`}}));
	}

	// Client certificates alone (in the agent) or anonymous.
	return fixed(succeeded({headers: impersonation}));
}

function fixed(result: ClusterResult<RequestAuth>): CredentialSource {
	return {get: async () => result, invalidate() {}, close() {}, refreshable: false};
}

function tokenFileSource(user: KubeconfigUser, file: string, impersonation: Record<string, string | string[]>, runtime: ClusterRuntime): CredentialSource {
	let cached: {token: string; readAt: number} | undefined;
	return {
		refreshable: true,
		invalidate() {
			cached = undefined;
		},
		close() {},
		async get() {
			if (!cached || runtime.now() - cached.readAt > tokenFileTtlMs) {
				try {
					const token = (await runtime.readFile(file)).trim();
					if (!token) return failed('credentials', `user "${user.name}": token file ${file} is empty`, {file});
					cached = {token, readAt: runtime.now()};
				} catch (error) {
					return failed('credentials', `user "${user.name}": token file ${file} cannot be read: ${(error as Error).message}`, {file});
				}
			}

			return succeeded({headers: {...impersonation, Authorization: `Bearer ${cached.token}`}});
		},
	};
}
