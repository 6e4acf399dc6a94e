import {describe, expect, it} from 'vitest';
import {createTheme, themeOptionsFor} from '../../source/ui/theme.js';

describe('theme', () => {
	it('carries no colour at all without colour', () => {
		const theme = createTheme({colour: false, ascii: false});
		for (const token of ['sync.drifted', 'health.degraded', 'banner.outage', 'diff.added'] as const) {
			expect(theme.style(token).color).toBeUndefined();
			expect(theme.style(token).backgroundColor).toBeUndefined();
		}
		expect(theme.style('banner.outage').inverse).toBe(true);
	});

	it('uses only ASCII glyphs in the ASCII variant', () => {
		const theme = createTheme({colour: true, ascii: true});
		for (const token of ['synced', 'drifted', 'branch', 'lastBranch', 'pointer', 'ellipsis'] as const) {
			expect(theme.glyph(token)).toMatch(/^[\x20-\x7e]+$/);
		}
	});

	it('picks colour and glyphs from the terminal', () => {
		expect(themeOptionsFor({env: {LANG: 'en_US.UTF-8', TERM: 'xterm-256color'}})).toEqual({colour: true, ascii: false});
		expect(themeOptionsFor({env: {LANG: 'en_US.UTF-8', NO_COLOR: ''}})).toEqual({colour: false, ascii: false});
		expect(themeOptionsFor({env: {LANG: 'en_US.UTF-8', TERM: 'dumb'}})).toEqual({colour: false, ascii: true});
		expect(themeOptionsFor({env: {LANG: 'C'}})).toEqual({colour: true, ascii: true});
		expect(themeOptionsFor({env: {LC_ALL: 'C.UTF-8'}, asciiFlag: true})).toEqual({colour: true, ascii: true});
	});
});
