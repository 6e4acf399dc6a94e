import {Box, Text} from 'ink';
import type {AppStatus} from '../domain/app.js';
import {eventAge, type EventView} from '../state/events.js';
import type {TreeRow} from '../state/selectors.js';
import {healthMark, syncMark, verdictMark} from './marks.js';
import {Styled} from './styled.js';
import {clip, fit} from './text-fit.js';
import {useTheme} from './theme-context.js';
import {visibleWindow} from './window.js';

export type TreeScreenProps = {app: AppStatus; rows: TreeRow[]; cursor: number; height: number; columns: number; events: EventView[]; pause?: string; filtered?: boolean};

/** How many lines the events pane takes under the tree. */
const eventLines = 4;

/** App → resources → owned children, with sync and health marks and drifted-field counts; events of the selection. */
export function TreeScreen({app, rows, cursor, height, columns, events, pause, filtered = false}: TreeScreenProps) {
	const theme = useTheme();
	const ellipsis = theme.glyph('ellipsis');
	// The title, the app's error when it has one, then the events pane (its title and its lines) under the tree.
	const treeHeight = Math.max(2, height - 1 - (app.error ? 1 : 0) - eventLines);
	const window = visibleWindow({count: rows.length, cursor, height: treeHeight});
	const sync = syncMark(app.sync);
	const health = healthMark(app.health);
	const selected = rows[cursor];
	return (
		<Box flexDirection="column">
			<Text wrap="truncate-end">
				<Styled token="title">{`${app.name} `}</Styled>
				<Styled token="muted">{`${app.engine} on ${app.context} `}</Styled>
				<Styled token={sync.style}>{`${theme.glyph(sync.glyph)} ${sync.word} `}</Styled>
				<Styled token={health.style}>{`${theme.glyph(health.glyph)} ${health.word}`}</Styled>
				{app.autoSync.enabled ? null : <Styled token="health.suspended">{` ${pause ?? 'auto-sync off'}`}</Styled>}
			</Text>
			{app.error ? <Styled token="error">{clip(app.error, columns, ellipsis)}</Styled> : null}
			{rows.length === 0 ? <Styled token="muted">{filtered ? '  no resources match' : '  no resources'}</Styled> : null}
			{rows.slice(window.start, window.end).map((row, offset) => {
				const index = window.start + offset;
				const {node} = row;
				// A `│` runs down through every ancestor that has siblings still to come.
				const guides = row.guides.map(open => (open ? `${theme.glyph('pipe')} ` : '   ')).join('');
				const indent = row.depth === 0 ? '' : guides + theme.glyph(row.last ? 'lastBranch' : 'branch') + ' ';
				const verdict = node.verdict ? verdictMark(node.verdict) : undefined;
				const nodeHealth = node.health ? healthMark(node.health.status) : undefined;
				const label = `${indent}${node.key.kind}/${node.key.name}`;
				return (
					<Text key={node.id} inverse={index === cursor} wrap="truncate-end">
						<Text>{index === cursor ? theme.glyph('pointer') + ' ' : '  '}</Text>
						<Text>{fit(label, Math.max(20, columns - 36), ellipsis)} </Text>
						{verdict ? <Styled token={verdict.style}>{fit(`${theme.glyph(verdict.glyph)} ${verdict.word}`, 10)} </Styled> : <Text>{fit('', 10)} </Text>}
						{nodeHealth ? <Styled token={nodeHealth.style}>{fit(`${theme.glyph(nodeHealth.glyph)} ${nodeHealth.word}`, 13)} </Styled> : <Text>{fit('', 13)} </Text>}
						{node.driftCount > 0 ? <Styled token="sync.drifted">{`${node.driftCount} field${node.driftCount === 1 ? '' : 's'}`}</Styled> : null}
					</Text>
				);
			})}
			<Styled token="muted">{clip(`events of ${selected ? `${selected.node.key.kind}/${selected.node.key.name}` : '-'}${selected?.node.health?.message ? ` — ${selected.node.health.message}` : ''}`, columns, ellipsis)}</Styled>
			{events.length === 0 ? <Styled token="muted">  no events</Styled> : null}
			{events.slice(0, eventLines - 1).map(event => {
				// The type as one letter, the reason, how long ago and how often: the message keeps the rest (v shows it in full).
				const head = `  ${event.type === 'Warning' ? 'W' : 'N'} ${fit(event.reason, 17, ellipsis)} ${fit(eventAge(event), 8)} `;
				return (
					<Text key={event.uid} wrap="truncate-end">
						<Styled token={event.type === 'Warning' ? 'error' : 'muted'}>{head}</Styled>
						<Text>{clip(event.message, Math.max(10, columns - head.length), ellipsis)}</Text>
					</Text>
				);
			})}
		</Box>
	);
}
