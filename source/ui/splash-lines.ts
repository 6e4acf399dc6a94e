/**
 * The splash: the TUI's first frame, painted before Ink, React and the session have loaded (commands/splash.ts).
 * It is the apps list's header as the TUI draws it before anything is known (ui/header.tsx): the title, the
 * READ-ONLY badge, the contexts asked for as connecting chips (context-strip.ts) and "loading…", then the repository,
 * and a body line saying what is being done. Plain text with SGR styling, one string per row; pure.
 */
import {asciiText} from '../domain/ascii-text.js';
import {terminalText} from '../domain/terminal-text.js';
import {contextChips} from './context-strip.js';
import {styledText} from './sgr-style.js';
import type {Theme} from './theme.js';

/** What is known before the session opens: from the flags, the user settings and the kubeconfig, when cheap. */
export type SplashFacts = {
	/** The contexts the session will open (empty when not known yet). */
	contexts: readonly string[];
	/** The config repository asked for (a path or URL), if any. */
	repo?: string;
	readOnly: boolean;
	/** What the body says is going on, e.g. "Loading contexts and repository…". */
	activity: string;
};

export function splashLines(facts: SplashFacts, options: {theme: Theme; columns: number}): string[] {
	const {theme, columns} = options;
	// Names from a kubeconfig or the command line are untrusted text (house style 16); ASCII when the terminal is.
	const text = (value: string) => (theme.ascii ? asciiText(terminalText(value)) : terminalText(value));
	const style = (value: string, token: Parameters<Theme['style']>[0]) => styledText(value, theme.style(token));
	const chips = contextChips({
		contexts: facts.contexts.map(name => ({name: text(name), state: 'connecting' as const})),
		// The header's own arithmetic (header.tsx): what is left after the title and the badge.
		width: columns - 12 - (facts.readOnly ? 12 : 0),
		glyphWidth: Array.from(theme.glyph('progressing')).length,
	});
	const header =
		style('gitops-tui ', 'title') +
		(facts.readOnly ? style(' READ-ONLY ', 'badge.readOnly') : '') +
		' ' +
		chips.map(chip => `${style(theme.glyph(chip.glyph), chip.style)} ${chip.text}  `).join('') +
		style(`loading${theme.glyph('ellipsis')}`, 'muted');
	return [header, facts.repo ? `repo ${text(facts.repo)}` : '', '', text(facts.activity)];
}
