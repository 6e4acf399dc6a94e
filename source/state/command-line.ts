/** The `:` command line's language, parsed into intents; effects are the caller's business. */
export type CommandIntent =
	| {kind: 'context'; name: string | undefined}
	| {kind: 'app'; name: string}
	| {kind: 'quit'}
	| {kind: 'outage'; on: boolean}
	| {kind: 'help'}
	| {kind: 'invalid'; message: string};

/** The commands the line accepts, for help and error messages. */
export const commandLineHelp = [':ctx NAME (or :ctx all)', ':app NAME', ':q', ':help'];

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
		default:
			return {kind: 'invalid', message: `unknown command "${verb}"; try ${commandLineHelp.join(', ')}`};
	}
}
