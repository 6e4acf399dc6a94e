/**
 * Exec credential plugins (aws eks get-token, gke-gcloud-auth-plugin, kubelogin, ...), run
 * asynchronously so a slow plugin never blocks the event loop, with the input kubectl gives them
 * (KUBERNETES_EXEC_INFO, env, args, no terminal). The credential is cached until its expiry minus a
 * margin, refreshed in the background shortly before that, and concurrent callers share one run.
 */
import {failed, succeeded, type ClusterResult} from './failure.js';
import type {ExecConfig, KubeconfigCluster} from './kubeconfig-types.js';
import type {ClusterRuntime} from './runtime.js';

/** What a plugin returned: a bearer token and/or a client certificate, maybe with an expiry. */
export type ExecCredential = {
	token?: string;
	clientCertificateData?: string;
	clientKeyData?: string;
	/** Epoch milliseconds; undefined means "valid until the server says otherwise" (kubectl's rule). */
	expiresAt?: number;
};

/** A cached, refreshing source of one user's exec credential. */
export type ExecCredentialSource = {
	get(): Promise<ClusterResult<ExecCredential>>;
	/** Forgets the cached credential (after a 401) so the next get() runs the plugin again. */
	invalidate(): void;
	/** Kills a plugin still running (the session is ending; nobody will use its answer). */
	close(): void;
};

/** How the source behaves; the defaults suit real plugins. */
export type ExecCredentialOptions = {
	exec: ExecConfig;
	cluster: KubeconfigCluster;
	runtime: ClusterRuntime;
	/** A credential this close to expiry is not used any more. Default 30 s. */
	marginMs?: number;
	/** Within this much of the margin, the cached credential is still used but a refresh starts. Default 60 s. */
	refreshAheadMs?: number;
	/** A plugin still running after this is killed. Default 60 s (an SSO helper may be slow, never interactive). */
	timeoutMs?: number;
};

/** Creates the credential source for one kubeconfig user's exec plugin. */
export function createExecCredentialSource(options: ExecCredentialOptions): ExecCredentialSource {
	const {exec, runtime} = options;
	const marginMs = options.marginMs ?? 30_000;
	const refreshAheadMs = options.refreshAheadMs ?? 60_000;
	let cached: ExecCredential | undefined;
	let running: Promise<ClusterResult<ExecCredential>> | undefined;
	let kill: (() => void) | undefined;

	const refresh = (): Promise<ClusterResult<ExecCredential>> => {
		running ??= runExecPlugin(options, stop => (kill = stop)).then(result => {
			running = undefined;
			kill = undefined;
			if (result.ok) cached = result.value;
			return result;
		});
		return running;
	};

	return {
		async get() {
			if (exec.interactiveMode === 'Always') {
				return failed('credentials', `exec plugin ${exec.command} needs an interactive terminal (interactiveMode: Always), which gitops-tui never provides`);
			}

			if (cached) {
				const left = cached.expiresAt === undefined ? Number.POSITIVE_INFINITY : cached.expiresAt - runtime.now();
				if (left > marginMs) {
					// Still good: refresh quietly when it gets close, so no request ever waits for the plugin.
					if (left <= marginMs + refreshAheadMs) void refresh();
					return succeeded(cached);
				}
			}

			return refresh();
		},
		invalidate() {
			cached = undefined;
		},
		close() {
			kill?.();
		},
	};
}

/** Runs the plugin once and parses its ExecCredential. */
async function runExecPlugin(options: ExecCredentialOptions, started: (kill: () => void) => void): Promise<ClusterResult<ExecCredential>> {
	const {exec, cluster, runtime} = options;
	const env: Record<string, string | undefined> = {...runtime.env};
	for (const entry of exec.env) env[entry.name] = entry.value;
	env['KUBERNETES_EXEC_INFO'] = JSON.stringify(execInfo(exec, cluster));

	let stopped = false;
	const output = await new Promise<{code: number | null; stdout: string; stderr: string; error?: Error; timedOut: boolean}>(resolve => {
		let stdout = '';
		let stderr = '';
		let settled = false;
		let timedOut = false;
		// Its own process group: a plugin's children (a browser login helper, a shell pipeline) die with it, and
		// their open pipes cannot keep a timed-out call waiting.
		const child = runtime.spawn(exec.command, exec.args, {env, stdio: ['ignore', 'pipe', 'pipe'], detached: true});
		const killGroup = () => {
			try {
				if (child.pid === undefined) throw new Error('no pid');
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				child.kill('SIGKILL');
			}
		};
		// Detached children would outlive us: exiting while the plugin runs kills its group.
		process.on('exit', killGroup);
		const cancelTimer = runtime.setTimer(() => {
			timedOut = true;
			killGroup();
			// Resolve now: a grandchild that escaped the group may still hold the pipes open.
			finish(null);
		}, options.timeoutMs ?? 60_000);
		started(() => {
			stopped = true;
			killGroup();
		});
		const finish = (code: number | null, error?: Error) => {
			if (settled) return;
			settled = true;
			cancelTimer();
			process.off('exit', killGroup);
			resolve({code, stdout, stderr, timedOut, ...(error ? {error} : {})});
		};

		child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		child.on('error', error => finish(null, error));
		child.on('close', code => finish(code));
	});

	const name = `exec plugin ${exec.command}`;
	if (output.error) {
		const missing = (output.error as {code?: string}).code === 'ENOENT';
		const hint = missing && exec.installHint ? `: ${exec.installHint.trim()}` : '';
		return failed('credentials', missing ? `${name} not found${hint}` : `${name} failed to start: ${output.error.message}`);
	}

	if (stopped) return failed('credentials', `${name} was stopped`);
	if (output.timedOut) return failed('credentials', `${name} did not finish within ${(options.timeoutMs ?? 60_000) / 1000} s`);
	if (output.code !== 0) {
		// The last lines of stderr explain most failures (expired SSO session, missing profile).
		const detail = output.stderr.trim().split('\n').slice(-3).join(' ').slice(0, 400);
		return failed('credentials', `${name} exited with code ${output.code}${detail ? `: ${detail}` : ''}`);
	}

	return parseExecCredential(output.stdout, exec.apiVersion, name);
}

/** Parses and checks a plugin's stdout; exported for tests. */
export function parseExecCredential(stdout: string, apiVersion: string, name: string): ClusterResult<ExecCredential> {
	let parsed: {apiVersion?: string; kind?: string; status?: Record<string, unknown>};
	try {
		parsed = JSON.parse(stdout) as typeof parsed;
	} catch {
		return failed('credentials', `${name} printed something that is not an ExecCredential JSON object`);
	}

	if (parsed?.kind !== 'ExecCredential') return failed('credentials', `${name} printed kind ${JSON.stringify(parsed?.kind)}, expected ExecCredential`);
	if (parsed.apiVersion !== apiVersion) {
		return failed('credentials', `${name} printed apiVersion ${JSON.stringify(parsed.apiVersion)}, but the kubeconfig asks for ${apiVersion}`);
	}

	const status = parsed.status ?? {};
	const credential: ExecCredential = {};
	if (typeof status['token'] === 'string' && status['token'] !== '') credential.token = status['token'];
	if (typeof status['clientCertificateData'] === 'string') credential.clientCertificateData = status['clientCertificateData'];
	if (typeof status['clientKeyData'] === 'string') credential.clientKeyData = status['clientKeyData'];
	if (!credential.token && !(credential.clientCertificateData && credential.clientKeyData)) {
		return failed('credentials', `${name} returned neither a token nor a client certificate and key`);
	}

	if (typeof status['expirationTimestamp'] === 'string') {
		const expiresAt = Date.parse(status['expirationTimestamp']);
		if (Number.isNaN(expiresAt)) return failed('credentials', `${name} returned an unreadable expirationTimestamp`);
		credential.expiresAt = expiresAt;
	}

	return succeeded(credential);
}

/** KUBERNETES_EXEC_INFO as kubectl sets it: never interactive; cluster details only when asked for. */
function execInfo(exec: ExecConfig, cluster: KubeconfigCluster): unknown {
	const spec: Record<string, unknown> = {interactive: false};
	if (exec.provideClusterInfo) {
		const info: Record<string, unknown> = {server: cluster.server};
		if (cluster.tlsServerName) info['tls-server-name'] = cluster.tlsServerName;
		if (cluster.insecureSkipTlsVerify) info['insecure-skip-tls-verify'] = true;
		if (cluster.certificateAuthorityData) info['certificate-authority-data'] = cluster.certificateAuthorityData;
		if (cluster.proxyUrl) info['proxy-url'] = cluster.proxyUrl;
		spec['cluster'] = info;
	}

	return {apiVersion: exec.apiVersion, kind: 'ExecCredential', spec};
}
