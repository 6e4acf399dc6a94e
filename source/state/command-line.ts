/** The `:` command line's language, parsed into intents; effects are the caller's business. */
import {splitPauseArguments} from './duration.js';

export type CommandIntent =
	| {kind: 'context'; name: string | undefined}
	| {kind: 'app'; name: string}
	| {kind: 'quit'}
	| {kind: 'outage'; on: boolean}
	| {kind: 'help'}
	| {kind: 'kubeconfig'}
	| {kind: 'reconcile'; withSource: boolean}
	| {kind: 'pause'; reason?: string; forMs?: number}
	| {kind: 'resume'}
	| {kind: 'rollback'; revision?: string}
	| {kind: 'invalid'; message: string};

/** The commands the line accepts, for help and error messages. */
export const commandLineHelp = [':ctx NAME (or :ctx all)', ':app NAME', ':q', ':help', ':outage on|off (demo only)', ':kubeconfig (the file this session reads, e.g. the demo\'s, for status and diff)'];

/** The commands that act on the selected app (absent from help in read-only mode). */
export const actionCommandHelp = [':reconcile [source]', ':pause REASON [for 2h]', ':resume', ':rollback [SHA]'];

export function parseCommandLine(text: string): CommandIntent {
	const [verb = '', ...rest] = text.trim().replace(/^:/, '').split(/\s+/);
	const argument = rest.join(' ');
	switch (verb) {
		case 'q':
		case 'q!':
		case 'quit':
			return {kind: 'quit'};
		case 'ctx':
		case 'context':
			return argument ? {kind: 'context', name: argument === 'all' || argument === '*' ? undefined : argument} : {kind: 'invalid', message: 'usage: :ctx NAME (or :ctx all)'};
		case 'app':
			return argument ? {kind: 'app', name: argument} : {kind: 'invalid', message: 'usage: :app NAME'};
		case 'outage':
			return argument === 'on' || argument === 'off' ? {kind: 'outage', on: argument === 'on'} : {kind: 'invalid', message: 'usage: :outage on|off (demo only)'};
		case 'help':
		case 'h':
			return {kind: 'help'};
		case 'kubeconfig':
		case 'kc':
			return {kind: 'kubeconfig'};
		case 'reconcile':
		case 'sync':
			if (!argument) return {kind: 'reconcile', withSource: false};
			return ['source', 'with-source', '--with-source'].includes(argument) ? {kind: 'reconcile', withSource: true} : {kind: 'invalid', message: 'usage: :reconcile [source]'};
		case 'pause':
		case 'suspend':
			return argument ? {kind: 'pause', ...splitPauseArguments(argument)} : {kind: 'pause'};
		case 'resume':
			return argument ? {kind: 'invalid', message: 'usage: :resume (resumes the selected app)'} : {kind: 'resume'};
		case 'rollback': {
			if (!argument) return {kind: 'rollback'};
			return /^[0-9a-f]{4,40}$/i.test(argument) ? {kind: 'rollback', revision: argument} : {kind: 'invalid', message: 'usage: :rollback [SHA] (a commit sha from the history, h)'};
		}
		default:
			return {kind: 'invalid', message: `unknown command "${verb}"; try ${[...commandLineHelp, ...actionCommandHelp].join(', ')}`};
	}
}
