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
	// The key first: at 80 columns the end of the line is what gets cut.
	const how = resumeKey ? `[${resumeKey} resumes] ` : '';
	return <Styled token="sync.drifted">{clip(`${how}${notices.join('; ')}`, columns, theme.glyph('ellipsis'))}</Styled>;
}
