/**
 * The sandbox Kubernetes API server: startSandbox() for tests and the demo. It serves real
 * Kubernetes HTTPS (discovery, CRUD, patch and server-side apply, watch, Status errors) so
 * kubectl and @kubernetes/client-node run their real code against it.
 */
import {startControllers} from './controllers/index.js';
import {applyDefaults} from './defaults/index.js';
import {launchSandbox, type Sandbox, type SandboxOptions} from './launch.js';
import {conflictCauses, conflictMessage, recordUpdate, serverSideApply} from './patch/index.js';

export type {Sandbox, SandboxOptions} from './launch.js';
export type {Faults} from './faults.js';
export type {RequestLogEntry, SandboxObjects, SandboxUser, ResourceType, StoreEvent, WriteOptions} from './types.js';
export {seedManager} from './seed.js';

/** Starts a sandbox on 127.0.0.1 (a free port unless `port` is given), simulating controllers unless `simulate: false`. */
export function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
	return launchSandbox(options, {
		fields: {recordUpdate, serverSideApply, conflictMessage, conflictCauses},
		defaults: applyDefaults,
		startControllers: ({objects, now}) => startControllers({objects, now}),
	});
}
