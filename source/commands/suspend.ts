/**
 * `gitops-tui suspend APP --reason TEXT [--until 2h|RFC3339]`: pauses auto-sync (Flux spec.suspend, Argo CD's
 * automated block saved and removed) with who, why, since and until in `gitops-tui.io/` annotations.
 */
import type {Command} from './command.js';
import {untilFlag} from './action-flags.js';
import {runActionCommand} from './action-run.js';

export const suspendCommand: Command = {
	name: 'suspend',
	summary: 'Pause an app\'s auto-sync: suspend APP --reason TEXT [--until 2h|RFC3339]',
	run: input =>
		runActionCommand(input, {
			command: 'suspend',
			usage: 'gitops-tui suspend APP --reason TEXT [--until 2h|RFC3339] [--context C] [--dry-run] [--yes]',
			fetch: false,
			request(target, action) {
				const reason = typeof input.flags['reason'] === 'string' ? input.flags['reason'].trim() : '';
				if (!reason) return {ok: false, message: 'a pause needs --reason TEXT (it is shown to everyone who sees the app)'};
				const until = untilFlag(input.flags['until'], action.session.now());
				if (!until.ok) return until;
				return {ok: true, request: {kind: 'suspend', target, reason, ...(until.until ? {until: until.until} : {})}};
			},
		}),
};
