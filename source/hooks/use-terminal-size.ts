import {useStdout} from 'ink';
import {useEffect, type Dispatch} from 'react';
import type {TuiAction} from '../state/actions.js';

/** Reflows on resize: the terminal's size goes into the state like any other event. */
export function useTerminalSize(dispatch: Dispatch<TuiAction>): void {
	const {stdout} = useStdout();
	useEffect(() => {
		const report = () => dispatch({type: 'terminal-resized', columns: stdout.columns || 80, rows: stdout.rows || 24});
		report();
		stdout.on('resize', report);
		return () => {
			stdout.off('resize', report);
		};
	}, [stdout, dispatch]);
}
