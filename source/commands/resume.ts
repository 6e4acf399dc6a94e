/**
 * `gitops-tui resume APP [--automated JSON] [--timeout D]`: ends a pause (Flux: spec.suspend false and a reconcile;
 * Argo CD: the saved automated block restored exactly, or --automated when the pause saved none).
 * `gitops-tui resume --expired`: resumes every pause whose --until has passed (cron-friendly); exit 0 when there is
 * none, else the worst exit code of the resumes.
 */
import {findExpiredPauses} from '../actions/index.js';
import type {Command, CommandInput} from './command.js';
import {automatedFlag, timeoutFlag} from './action-flags.js';
import {openActionSession} from './action-session.js';
import {runActionCommand, runRequest} from './action-run.js';
import {terminalText} from '../domain/terminal-text.js';

export const resumeCommand: Command = {
	name: 'resume',
	summary: 'Resume an app\'s auto-sync (restores exactly what suspend saved); resume --expired for every pause past --until',
	run: input => (input.flags['expired'] === true ? resumeExpired(input) : resumeOne(input)),
};

function resumeOne(input: CommandInput): Promise<number> {
	return runActionCommand(input, {
		command: 'resume',
		usage: 'gitops-tui resume APP [--automated JSON] [--timeout D] [--context C] [--dry-run] [--yes]  |  gitops-tui resume --expired',
		fetch: false,
		request(target) {
			const automated = automatedFlag(input.flags['automated']);
			if (!automated.ok) return automated;
			const timeout = timeoutFlag(input.flags['timeout'], 0);
			if (!timeout.ok) return timeout;
			return {ok: true, request: {kind: 'resume', target, timeoutMs: timeout.ms, ...(automated.automated ? {automated: automated.automated} : {})}};
		},
	});
}

async function resumeExpired(input: CommandInput): Promise<number> {
	const {io, flags} = input;
	const format = String(flags['output'] ?? 'table');
	if (input.args.length > 0 || (format !== 'table' && format !== 'json')) {
		io.stderr.write('gitops-tui resume: usage: gitops-tui resume --expired [--context C] [--dry-run] [--yes] [-o table|json]\n');
		return 2;
	}
	const opened = await openActionSession(input, 'resume', {fetch: false});
	if (!opened.ok) return opened.code;
	const action = opened.value;
	try {
		const expired = await findExpiredPauses(action.deps);
		if (format === 'table') io.stdout.write(expired.length === 0 ? 'no expired pauses\n' : '');
		let code = 0;
		const json = format === 'json';
		const documents: string[] = [];
		for (const pause of expired) {
			if (!json) io.stdout.write(terminalText(`${pause.target.engine}/${pause.target.app} on ${pause.target.context}: paused${pause.pausedBy ? ` by ${pause.pausedBy}` : ''} until ${pause.until}${pause.reason ? ` (${pause.reason})` : ''}`) + '\n');
			const output: string[] = [];
			const collect = json ? {...input, io: {...io, stdout: {write: (text: string) => output.push(text)} as unknown as NodeJS.WritableStream}} : input;
			code = Math.max(code, await runRequest(collect, action, {kind: 'resume', target: pause.target}, format));
			if (json) documents.push(output.join('').trim());
		}
		if (json) io.stdout.write(`[${documents.join(',\n')}]\n`);
		return code;
	} finally {
		action.close();
	}
}
