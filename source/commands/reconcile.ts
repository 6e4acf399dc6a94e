/**
 * `gitops-tui reconcile APP [--with-source] [--prune] [--timeout D]`: Flux — requestedAt (the source first with
 * --with-source), waiting for lastHandledReconcileAt and Ready; Argo CD — refresh, then a sync operation initiated
 * by you, waiting for it; plain apps — a server-side apply of HEAD as gitops-tui (pruning only with --prune).
 * During a Git outage it says that the controller cannot fetch either.
 */
import type {Command} from './command.js';
import {timeoutFlag} from './action-flags.js';
import {runActionCommand} from './action-run.js';

/** How long reconcile waits for the controller unless --timeout says otherwise (0: do not wait). */
export const reconcileDefaultTimeoutMs = 5 * 60_000;

export const reconcileCommand: Command = {
	name: 'reconcile',
	summary: 'Reconcile an app now (Flux requestedAt, Argo CD sync, plain: apply HEAD); waits up to --timeout',
	run: input =>
		runActionCommand(input, {
			command: 'reconcile',
			usage: 'gitops-tui reconcile APP [--context C] [--with-source] [--prune] [--timeout D] [--dry-run] [--yes]',
			fetch: true,
			request(target) {
				const timeout = timeoutFlag(input.flags['timeout'], reconcileDefaultTimeoutMs);
				if (!timeout.ok) return timeout;
				return {ok: true, request: {kind: 'reconcile', target, withSource: input.flags['withSource'] === true, prune: input.flags['prune'] === true, timeoutMs: timeout.ms}};
			},
		}),
};
