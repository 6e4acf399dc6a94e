/** The splash's rows: the header as the TUI draws it while loading, fitted to the width, by the theme's rules. */
import {describe, expect, it} from 'vitest';
import {splashLines} from '../../source/ui/splash-lines.js';
import {createTheme} from '../../source/ui/theme.js';

const plain = (line: string) => line.replace(/\u001B\[[0-9;]*m/g, '');

describe('the splash lines', () => {
	it('draws the title, the contexts as connecting chips, the repository and what is loading', () => {
		const lines = splashLines({contexts: ['prod-eu', 'staging'], repo: '/src/config', readOnly: false, activity: 'Loading contexts and repository…'}, {theme: createTheme({colour: true, ascii: false}), columns: 80});
		expect(lines.map(plain)).toEqual(['gitops-tui  ◐ prod-eu  ◐ staging  loading…', 'repo /src/config', '', 'Loading contexts and repository…']);
		// The title bold, the chips' glyphs and "loading…" dim (muted), as the theme styles them.
		expect(lines[0]).toContain('\u001B[1mgitops-tui \u001B[0m');
		expect(lines[0]).toContain('\u001B[2m◐\u001B[0m prod-eu');
	});

	it('keeps the TUI header\'s rule for many contexts: those that fit by name, the rest counted', () => {
		const contexts = Array.from({length: 12}, (_, index) => `cluster-${index}`);
		const [header] = splashLines({contexts, readOnly: true, activity: 'x'}, {theme: createTheme({colour: false, ascii: false}), columns: 80}).map(plain);
		expect(header).toContain('READ-ONLY');
		expect(header).toContain('◐ cluster-0');
		expect(header).toMatch(/\+\d+ more/);
		expect(header).not.toContain('cluster-11');
	});

	it('without colour, styles by weight and inversion only', () => {
		const [header] = splashLines({contexts: ['a'], readOnly: true, activity: 'x'}, {theme: createTheme({colour: false, ascii: false}), columns: 80});
		expect(header).not.toMatch(/\u001B\[[0-9;]*3[0-7][;m]/);
		expect(header).toContain('\u001B[7m READ-ONLY \u001B[0m');
	});
});
