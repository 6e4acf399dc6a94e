/**
 * The sandbox Kubernetes API server: startSandbox() for tests and the demo. It serves real
 * Kubernetes HTTPS (discovery, CRUD, patch and server-side apply, watch, Status errors) so
 * kubectl and @kubernetes/client-node run their real code against it.
 */
import {startControllers} from './controllers/index.js';
import {applyDefaults} from './defaults/index.js';
import {startGitOps, type GitOpsOptions} from './gitops/index.js';
import {launchSandbox, type Sandbox, type SandboxOptions as LaunchOptions} from './launch.js';
import {conflictCauses, conflictMessage, recordUpdate, serverSideApply} from './patch/index.js';

export type {Sandbox} from './launch.js';
export type {GitOps, GitOpsOptions} from './gitops/index.js';

/** Options of startSandbox: the server's, and the simulated Flux and Argo CD controllers when `gitops` is given. */
export type SandboxOptions = LaunchOptions & {gitops?: Omit<GitOpsOptions, 'objects' | 'now'>};
export type {Faults} from './faults.js';
export type {RequestLogEntry, SandboxObjects, SandboxUser, ResourceType, StoreEvent, WriteOptions} from './types.js';
export {seedManager} from './seed.js';

/** Starts a sandbox on 127.0.0.1 (a free port unless `port` is given), simulating controllers unless `simulate: false`. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	const sandbox = await launchSandbox(options, {
		fields: {recordUpdate, serverSideApply, conflictMessage, conflictCauses},
		defaults: applyDefaults,
		startControllers: ({objects, now}) => startControllers({objects, now}),
	});
	if (!options.gitops) return sandbox;
	const gitops = await startGitOps({...options.gitops, objects: sandbox.objects, ...(options.now ? {now: options.now} : {})});
	return {
		...sandbox,
		gitops,
		async stop() {
			await gitops.stop();
			await sandbox.stop();
		},
	};
}
