/**
 * How the action commands confirm: `--yes` answers yes (and `--confirm-context NAME` types the name a protected
 * context needs); otherwise a terminal asks (the plan was printed above); with no terminal and no `--yes` the
 * action is not confirmed, rather than hanging on a prompt nobody sees.
 */
import {createInterface} from 'node:readline/promises';
import type {Confirmation} from '../domain/action.js';
import type {CommandIo} from './command.js';

/** The confirmation callback for these flags and streams. */
export function commandConfirmation(flags: Record<string, unknown>, io: CommandIo, command: string): Confirmation {
	const typed = typeof flags['confirmContext'] === 'string' ? flags['confirmContext'] : undefined;
	return async request => {
		if (flags['yes'] === true) return {confirmed: true, ...(typed === undefined ? {} : {typed})};
		const stdin = io.stdin as (NodeJS.ReadStream & {isTTY?: boolean}) | undefined;
		if (!stdin?.isTTY) {
			io.stderr.write(`gitops-tui ${command}: not confirmed: no terminal to ask on; pass --yes${request.protectedContext ? ` --confirm-context ${request.context}` : ''}\n`);
			return {confirmed: false};
		}
		const prompt = createInterface({input: stdin, output: io.stderr});
		// Ctrl-C at the prompt is a no, not a hang.
		const interrupted = new AbortController();
		prompt.on('SIGINT', () => interrupted.abort());
		try {
			if (request.protectedContext) {
				const answer = await prompt.question(`Context ${request.context} is protected. Type its name to go ahead: `, {signal: interrupted.signal});
				return {confirmed: answer.trim() !== '', typed: answer.trim()};
			}
			const answer = await prompt.question('Go ahead? [y/N] ', {signal: interrupted.signal});
			return {confirmed: /^y(es)?$/i.test(answer.trim())};
		} catch {
			return {confirmed: false};
		} finally {
			prompt.close();
		}
	};
}
