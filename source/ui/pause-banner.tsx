import {Styled} from './styled.js';
import {clip} from './text-fit.js';
import {useTheme} from './theme-context.js';

/**
 * Under the header: apps a rollback left with auto-sync paused, and pauses that ran out, fleet-wide, so neither
 * is forgotten once the operator looks elsewhere. Names the key that resumes when actions are offered.
 */
export function PauseBanner({notices, columns, resumeKey}: {notices: string[]; columns: number; resumeKey?: string}) {
	const theme = useTheme();
	if (notices.length === 0) return null;
	const how = resumeKey ? ` (select the app, ${resumeKey} resumes)` : '';
	return <Styled token="sync.drifted">{clip(`${notices.join('; ')}${how}`, columns, theme.glyph('ellipsis'))}</Styled>;
}
