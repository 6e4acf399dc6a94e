import {Box} from 'ink';
import type {AppRow} from '../state/selectors.js';
import type {SortOrder} from '../state/tui-state.js';
import {AppRowLine, type RowWidths} from './app-row-line.js';
import {Styled} from './styled.js';
import {fit, share} from './text-fit.js';
import {useTheme} from './theme-context.js';
import type {Theme} from './theme.js';
import {visibleWindow} from './window.js';

export type AppsScreenProps = {rows: AppRow[]; cursor: number; height: number; columns: number; loading: boolean; filtered?: boolean; sort?: SortOrder; now?: Date};

/** The column each sort order sorts by: its title carries the arrow, so the order shows where the eye is. */
const sortColumn: Record<SortOrder, number> = {name: 0, context: 2, sync: 3, health: 5};

/** Name and context together never take more: on a wide terminal the room goes to LAST SYNC and MESSAGE instead. */
const nameContextCap = 60;
/** The narrowest MESSAGE worth a column; below it (about 150 columns) the list has no extra columns. */
const messageMin = 20;
/** A wall-clock time ("14:02", "11-23 14:02" on another day), not an age: an idle screen repaints only its clock. */
const lastSyncWidth = 11;

/** Column widths for a terminal width: name and context share what the fixed columns leave, up to a cap. */
function layout(columns: number, theme: Theme, sort: SortOrder, rows: readonly AppRow[]): RowWidths {
	// "Progressing" is the longest health word; the glyph before it is one cell, or two in the ASCII set.
	const healthGlyph = Math.max(...(['healthy', 'progressing', 'degraded', 'suspended', 'missing', 'unknown'] as const).map(g => Array.from(theme.glyph(g)).length));
	const fixed = {engine: 6, sync: 11, ctrl: 4, health: 12 + healthGlyph, revision: 10, auto: 6};
	const gaps = 8;
	const spare = columns - Object.values(fixed).reduce((a, b) => a + b, 0) - gaps - 2;
	// On a wide terminal the columns stop stretching (a name 80 cells from its verdict is hard to follow). Sorted by
	// context, its title carries the arrow: CONTEXT↓ needs 8 cells.
	const room = Math.min(Math.max(spare, 12), nameContextCap);
	// The contexts shown get their full width when they fit (names are told apart by their start, contexts often by
	// their end: prod-eu, prod-us); only when both do not fit is the room shared.
	const contextNeed = Math.max(sort === 'context' ? 8 : 7, ...rows.map(row => Array.from(row.app.context).length));
	const [name, context] =
		contextNeed + 8 <= room ? [room - contextNeed, contextNeed] : share(room, [{min: 8, weight: 3}, {min: sort === 'context' ? 8 : 4, weight: 2}]);
	const rest = spare - nameContextCap - lastSyncWidth - 2;
	const wide = rest >= messageMin ? {lastSync: lastSyncWidth, message: rest} : undefined;
	return {...fixed, name: name!, context: context!, wide};
}

/** The apps list: one row per app and context, grouped by name, virtualised. */
export function AppsScreen({rows, cursor, height, columns, loading, filtered = false, sort = 'name', now = new Date()}: AppsScreenProps) {
	const theme = useTheme();
	const w = layout(columns, theme, sort, rows);
	const ellipsis = theme.glyph('ellipsis');
	const window = visibleWindow({count: rows.length, cursor, height: height - 2});
	const titles = ['NAME', 'ENGINE', 'CONTEXT', 'SYNC', 'CTRL', 'HEALTH', 'REVISION', 'AUTO', ...(w.wide ? ['LAST SYNC', 'MESSAGE'] : [])];
	const header = titles.map((title, index) => (index === sortColumn[sort] ? `${title}${theme.glyph('down')}` : title));
	const widths = [w.name, w.engine, w.context, w.sync, w.ctrl, w.health, w.revision, w.auto, ...(w.wide ? [w.wide.lastSync, w.wide.message] : [])];
	return (
		<Box flexDirection="column">
			<Styled token="muted">{'  ' + header.map((h, i) => fit(h, widths[i]!)).join(' ')}</Styled>
			{rows.length === 0 ? (
				<Styled token="muted">{loading ? `  discovering apps${ellipsis}` : filtered ? '  no apps match' : '  no apps found: no Flux Kustomization or HelmRelease, Argo CD Application, nor .gitops-tui.yaml app on these contexts'}</Styled>
			) : null}
			{rows.slice(window.start, window.end).map((row, offset) => (
				<AppRowLine key={row.id} row={row} selected={window.start + offset === cursor} widths={w} now={now} />
			))}
			{rows.length > window.end - window.start ? <Styled token="muted">{`  ${window.start + 1}-${window.end} of ${rows.length}`}</Styled> : null}
		</Box>
	);
}
