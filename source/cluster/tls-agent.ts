/**
 * Builds the HTTP(S) agent for one context: the cluster's CA (file or data), the user's static client
 * certificate, skip-verify and the TLS server name, with keep-alive so paginated lists reuse sockets.
 */
import http from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import {failed, succeeded, type ClusterResult} from './failure.js';
import type {KubeconfigCluster, KubeconfigUser} from './kubeconfig-types.js';
import type {ClusterRuntime} from './runtime.js';

/** TLS material read from the kubeconfig (files already loaded). */
export type TlsMaterial = {ca?: string; cert?: string; key?: string; servername?: string; rejectUnauthorized: boolean};

/** Reads every file the cluster and user entries point at; the failure names the unreadable one. */
export async function loadTlsMaterial(cluster: KubeconfigCluster, user: KubeconfigUser, runtime: ClusterRuntime): Promise<ClusterResult<TlsMaterial>> {
	const material: TlsMaterial = {rejectUnauthorized: !cluster.insecureSkipTlsVerify};
	if (cluster.tlsServerName) material.servername = cluster.tlsServerName;
	const sources: Array<[keyof TlsMaterial, string | undefined, string | undefined, string]> = [
		['ca', cluster.certificateAuthority, cluster.certificateAuthorityData, `cluster "${cluster.name}" certificate-authority`],
		['cert', user.clientCertificate, user.clientCertificateData, `user "${user.name}" client-certificate`],
		['key', user.clientKey, user.clientKeyData, `user "${user.name}" client-key`],
	];
	for (const [field, file, data, what] of sources) {
		if (file) {
			try {
				(material as Record<string, unknown>)[field] = await runtime.readFile(file);
			} catch (error) {
				return failed('kubeconfig', `${what} file ${file} cannot be read: ${(error as Error).message}`, {file});
			}
		} else if (data) {
			(material as Record<string, unknown>)[field] = Buffer.from(data, 'base64').toString('utf8');
		}
	}

	return succeeded(material);
}

/** An agent for `server`; `clientCertificate` (from an exec plugin) overrides the static one. */
export function createAgent(server: string, material: TlsMaterial, clientCertificate?: {cert: string; key: string}): http.Agent {
	if (server.startsWith('http:')) return new http.Agent({keepAlive: true});
	const options: https.AgentOptions = {keepAlive: true, rejectUnauthorized: material.rejectUnauthorized};
	if (material.ca) options.ca = material.ca;
	if (material.servername) options.servername = material.servername;
	const cert = clientCertificate?.cert ?? material.cert;
	const key = clientCertificate?.key ?? material.key;
	if (cert && key) {
		options.cert = cert;
		options.key = key;
	}

	// One secure context for every socket of the agent: without it each new connection parses the CA and the
	// client key again (a fleet's listing opens a few sockets per context at once).
	// Material that does not parse is left to each connection, which reports it as a typed failure as before.
	try {
		options.secureContext = tls.createSecureContext({...(options.ca ? {ca: options.ca} : {}), ...(options.cert ? {cert: options.cert, key: options.key} : {})});
	} catch {}
	return new https.Agent(options);
}
