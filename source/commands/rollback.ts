/**
 * `gitops-tui rollback APP [--to REV] [--prune] [--field-manager M] [--timeout D]`: puts an older revision back,
 * rendered from the local clone only (the clone is never fetched: this works with the Git server down), or from
 * the last-known-good store. Pauses auto-sync (reason `rollback to <sha>`) and applies as the controller's field
 * manager; waits until the objects are healthy.
 */
import type {Command} from './command.js';
import {timeoutFlag} from './action-flags.js';
import {runActionCommand} from './action-run.js';

/** How long rollback waits for the objects to be healthy unless --timeout says otherwise. */
export const rollbackDefaultTimeoutMs = 5 * 60_000;

export const rollbackCommand: Command = {
	name: 'rollback',
	summary: 'Put an older revision back, from the local clone (works with Git down): rollback APP [--to REV]',
	run: input =>
		runActionCommand(input, {
			command: 'rollback',
			usage: 'gitops-tui rollback APP [--to REV] [--prune] [--field-manager M] [--timeout D] [--context C] [--dry-run] [--yes]',
			fetch: false,
			request(target) {
				const timeout = timeoutFlag(input.flags['timeout'], rollbackDefaultTimeoutMs);
				if (!timeout.ok) return timeout;
				const to = typeof input.flags['to'] === 'string' && input.flags['to'] ? input.flags['to'] : undefined;
				const fieldManager = typeof input.flags['fieldManager'] === 'string' && input.flags['fieldManager'] ? input.flags['fieldManager'] : undefined;
				return {ok: true, request: {kind: 'rollback', target, prune: input.flags['prune'] === true, timeoutMs: timeout.ms, ...(to ? {revision: to} : {}), ...(fieldManager ? {fieldManager} : {})}};
			},
		}),
};
