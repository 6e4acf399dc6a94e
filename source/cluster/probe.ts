/**
 * Probes a context the way `gitops-tui contexts` reports it: server version and who we are there, asked
 * at the same time so a slow server costs one request timeout, not two.
 */
import {VersionApi} from '@kubernetes/client-node';
import {callApi, makeApiClient} from './client-node-bridge.js';
import type {ConnectionState} from './connection-state.js';
import type {ContextClient} from './context-client.js';
import type {ClusterFailure} from './failure.js';
import {createIdentityService, type Identity} from './identity.js';

/** What a probe found. */
export type ProbeResult = {
	reachable: boolean;
	connection: ConnectionState;
	/** `v1.30.2` etc., when the server answered. */
	version?: string;
	identity?: Identity;
	error?: ClusterFailure;
};

/**
 * Asks `/version` and who-am-I concurrently. Reachable means both answered: real servers serve /version
 * even to anonymous callers, so only who-am-I proves the credentials work.
 */
export async function probeContext(client: ContextClient, now: () => number): Promise<ProbeResult> {
	const versionApi = makeApiClient(client.transport, VersionApi);
	const identity = createIdentityService(client, {now});
	const [version, whoami] = await Promise.all([callApi(async () => versionApi.getCode()), identity.whoami()]);
	const result: ProbeResult = {reachable: version.ok && whoami.ok, connection: client.connection.current()};
	if (version.ok) result.version = version.value.gitVersion;
	else result.error = version.error;
	if (whoami.ok) result.identity = whoami.value;
	else result.error ??= whoami.error;
	return result;
}
