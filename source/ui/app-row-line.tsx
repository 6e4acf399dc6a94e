/**
 * One row of the apps list, memoised: a key moves the cursor over two rows and a snapshot under churn changes a few
 * verdicts, so the other rows on screen are not rendered again (React compares their inputs instead). Rows are made
 * anew with every snapshot (state/selectors.ts), so they are compared by what they show, not by identity: the app's
 * status (kept identical while its verdict stands: live/safe-snapshot.ts), the grouping, the controller's message and
 * last sync, the source's failure and whether the context answers.
 */
import {Text} from 'ink';
import {memo} from 'react';
import {autoSyncWord} from '../domain/auto-sync-word.js';
import type {AppRow} from '../state/selectors.js';
import {clockTime} from '../state/pause-story.js';
import {healthMark, syncMark} from './marks.js';
import {Styled} from './styled.js';
import {clip, fit} from './text-fit.js';
import {useTheme} from './theme-context.js';
import type {Theme} from './theme.js';

/** The columns' widths; `wide` when the terminal has room for LAST SYNC and MESSAGE. */
export type RowWidths = {
	name: number;
	engine: number;
	context: number;
	sync: number;
	ctrl: number;
	health: number;
	revision: number;
	auto: number;
	wide: {lastSync: number; message: number} | undefined;
};

export type AppRowLineProps = {row: AppRow; selected: boolean; widths: RowWidths; now: Date};

/** What the controller says (its source's failure first), for the MESSAGE column. */
function messageText(row: AppRow): string {
	if (row.app.engine === 'plain') return '-';
	return row.sourceFailing?.message ?? row.controller?.message ?? '';
}

/** The deployed commit and, with an arrow, how many commits it is behind the branch ("↓1" reads "1 behind"; see ?). */
function revisionText(row: AppRow, theme: Theme): string {
	const {deployed, behind} = row.app.revision;
	const sha = deployed ? deployed.slice(0, 7) : '-';
	return behind ? `${sha} ${theme.glyph('down')}${behind}` : sha;
}

function RowLine({row, selected, widths: w, now}: AppRowLineProps) {
	const theme = useTheme();
	const ellipsis = theme.glyph('ellipsis');
	const sync = syncMark(row.app.sync);
	const health = healthMark(row.app.health);
	const controller = syncMark(row.app.controllerSync);
	// Later members of a group hang under the first, so "same app, which contexts" reads at a glance.
	const name = row.groupFirst ? row.app.name : ` ${theme.glyph('lastBranch')}`;
	return (
		<Text wrap="truncate-end" inverse={selected}>
			<Text>{selected ? theme.glyph('pointer') + ' ' : '  '}</Text>
			<Text>{fit(name, w.name, ellipsis)} </Text>
			<Text>{fit(row.app.engine, w.engine)} </Text>
			<Text>{fit(row.app.context, w.context, ellipsis)} </Text>
			{/* From a context that stopped answering, the marks are muted: the status line says how old they are. */}
			<Styled token={row.stale ? 'muted' : sync.style}>{fit(`${theme.glyph(row.stale ? 'unknown' : sync.glyph)} ${sync.word}`, w.sync)} </Styled>
			{/* The controller's own verdict, as a mark: where it disagrees with ours is what to look at. */}
			{row.app.engine === 'plain' ? (
				// Plain apps have no controller: gitops-tui itself deploys them.
				<Styled token="muted">{fit('-', w.ctrl)} </Styled>
			) : row.sourceFailing ? (
				// Its source fails: the controller cannot know, whether Flux (still Ready) or Argo CD (Unknown).
				<Styled token="error">{fit(theme.glyph('unknown'), w.ctrl)} </Styled>
			) : (
				<Styled token={row.stale ? 'muted' : controller.style}>{fit(theme.glyph(controller.glyph), w.ctrl)} </Styled>
			)}
			<Styled token={row.stale ? 'muted' : health.style}>{fit(`${theme.glyph(row.stale ? 'unknown' : health.glyph)} ${health.word}`, w.health)} </Styled>
			<Styled token={row.revisionsDiffer ? 'sync.drifted' : 'muted'}>{fit(revisionText(row, theme), w.revision)} </Styled>
			{/* The same word `status` prints; its pause test is the tree's and the status line's. */}
			<Styled token={row.app.autoSync.enabled ? 'muted' : 'health.suspended'}>{fit(autoSyncWord(row.app), w.auto)}</Styled>
			{w.wide ? <Styled token="muted">{` ${fit(row.controller?.lastSync ? clockTime(new Date(row.controller.lastSync), now) : '-', w.wide.lastSync)} `}</Styled> : null}
			{w.wide ? <Styled token={row.sourceFailing ? 'error' : 'muted'}>{clip(messageText(row), w.wide.message, ellipsis)}</Styled> : null}
		</Text>
	);
}

/** Whether two rows show the same (see above). */
function sameRow(a: AppRow, b: AppRow): boolean {
	return (
		a === b ||
		(a.id === b.id &&
			a.app === b.app &&
			a.groupFirst === b.groupFirst &&
			a.groupSize === b.groupSize &&
			a.revisionsDiffer === b.revisionsDiffer &&
			a.controller?.message === b.controller?.message &&
			a.controller?.lastSync === b.controller?.lastSync &&
			a.sourceFailing?.message === b.sourceFailing?.message &&
			Boolean(a.sourceFailing) === Boolean(b.sourceFailing) &&
			Boolean(a.stale) === Boolean(b.stale))
	);
}

function sameWidths(a: RowWidths, b: RowWidths): boolean {
	if (a === b) return true;
	const keys = ['name', 'engine', 'context', 'sync', 'ctrl', 'health', 'revision', 'auto'] as const;
	return keys.every(key => a[key] === b[key]) && a.wide?.lastSync === b.wide?.lastSync && a.wide?.message === b.wide?.message;
}

/** `now` shows only in LAST SYNC ("14:02", "11-23 14:02" on another day): a narrow list ignores the clock. */
export const AppRowLine = memo(RowLine, (a, b) => a.selected === b.selected && sameRow(a.row, b.row) && sameWidths(a.widths, b.widths) && (!a.widths.wide || a.now.getTime() === b.now.getTime()));
