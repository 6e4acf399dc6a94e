import {Text} from 'ink';
import {Children, type ReactNode} from 'react';
import {asciiCells} from '../domain/ascii-text.js';
import {useTheme} from './theme-context.js';
import type {StyleToken} from './theme.js';

/**
 * Text styled by meaning: `<Styled token="sync.drifted">`. With the ASCII theme its text is made ASCII here, before
 * Ink measures it, cell for cell (`—` → `-`, `’` → `'`): it may have been cut to a width already, so nothing may
 * grow. Text meant to read `...` is written with the theme's ellipsis, or cut with it (text-fit.ts), which reads
 * better than the one-cell `.` this leaves of a stray `…`.
 */
export function Styled({token, children}: {token: StyleToken; children: ReactNode}) {
	const theme = useTheme();
	const shown = theme.ascii ? Children.map(children, child => (typeof child === 'string' ? asciiCells(child) : child)) : children;
	return <Text {...theme.style(token)}>{shown}</Text>;
}
