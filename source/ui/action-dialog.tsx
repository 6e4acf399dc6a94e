import {Box, Text} from 'ink';
import {conflicted, type ActionDialog as Dialog, type DialogStage} from '../state/action-dialog.js';
import {dialogBodyRows, dialogLines, type DialogTone} from '../state/dialog-lines.js';
import {Styled} from './styled.js';
import {clip} from './text-fit.js';
import {useTheme} from './theme-context.js';
import type {StyleToken} from './theme.js';

export type ActionDialogProps = {dialog: Dialog; height: number; columns: number};

const tones: Record<DialogTone, StyleToken> = {
	title: 'title',
	plain: 'diff.context',
	muted: 'muted',
	ok: 'sync.synced',
	error: 'error',
	warning: 'sync.drifted',
	added: 'diff.added',
	removed: 'diff.removed',
	hunk: 'diff.hunk',
	refused: 'diff.ignored',
};

const stageWords: Record<DialogStage, string> = {
	form: 'details',
	starting: 'starting',
	planning: 'planning',
	planned: 'plan ready, checking permission',
	checked: 'checked',
	confirming: 'confirm?',
	executing: 'running',
	finished: 'finished',
};

/** The line at the bottom of the dialog: what the operator can do now. */
function prompt(dialog: Dialog): {text: string; cursor?: boolean; token: StyleToken} {
	if (dialog.stage === 'form') return {text: 'enter pauses, tab switches field, esc cancels', token: 'muted'};
	if (conflicted(dialog)) return {text: 'F plans it again taking the conflicting fields over (force), esc closes', token: 'key'};
	if (dialog.stage === 'finished') return {text: 'esc closes', token: 'muted'};
	if (dialog.stage === 'executing') return {text: 'running: esc can no longer cancel', token: 'muted'};
	if (dialog.stage === 'confirming' && dialog.answer) return {text: 'confirmed; starting…', token: 'muted'};
	if (dialog.stage === 'confirming' && dialog.confirm?.protectedContext) {
		return {text: `${dialog.target.context} is protected: type its name and enter to confirm, esc cancels: ${dialog.confirm.typed}`, cursor: true, token: 'key'};
	}
	if (dialog.stage === 'confirming') return {text: 'y confirms, esc cancels (j/k scroll the plan)', token: 'key'};
	return {text: 'esc cancels: nothing is written before you confirm', token: 'muted'};
}

/** The pause form: a reason (required) and a duration (optional). */
function PauseFormView({dialog, columns}: {dialog: Dialog; columns: number}) {
	const form = dialog.form!;
	const field = (name: 'reason' | 'duration', label: string) => (
		<Text wrap="truncate-end">
			<Styled token={form.field === name ? 'key' : 'muted'}>{`${form.field === name ? '>' : ' '} ${label}: `}</Styled>
			<Text>{form[name]}</Text>
			{form.field === name ? <Text inverse> </Text> : null}
		</Text>
	);
	return (
		<Box flexDirection="column">
			{field('reason', 'reason (required)')}
			{field('duration', 'for (optional: 30m, 2h, 1d; empty until resumed)')}
			<Styled token="muted">{clip('The pause is written on the app object: who, why, since and until. U resumes it.', columns)}</Styled>
		</Box>
	);
}

/** One dialog for every action, whatever stage it is at: title, a scrollable body, a remark and the prompt. */
export function ActionDialogView({dialog, height, columns}: ActionDialogProps) {
	const theme = useTheme();
	const ellipsis = theme.glyph('ellipsis');
	const rows = dialogBodyRows(height);
	const lines = dialog.stage === 'form' ? [] : dialogLines(dialog);
	const offset = Math.min(dialog.scroll, Math.max(0, lines.length - rows));
	const position = lines.length > rows ? ` ${offset + 1}-${Math.min(lines.length, offset + rows)}/${lines.length}` : '';
	const remark = dialog.form?.error ?? dialog.confirm?.error ?? dialog.notice;
	const next = prompt(dialog);
	const stage = ` ${stageWords[dialog.stage]}${position}`;
	return (
		<Box flexDirection="column" height={height}>
			<Text wrap="truncate-end">
				<Styled token="title">{clip(dialog.title, Math.max(10, columns - stage.length), ellipsis)}</Styled>
				<Styled token="muted">{stage}</Styled>
			</Text>
			<Box flexDirection="column" height={rows} overflow="hidden">
				{dialog.stage === 'form' ? <PauseFormView dialog={dialog} columns={columns} /> : null}
				{lines.slice(offset, offset + rows).map((line, index) => (
					<Text key={offset + index} wrap="truncate-end">
						<Styled token={tones[line.tone]}>{clip(line.text, columns, ellipsis)}</Styled>
					</Text>
				))}
			</Box>
			<Text wrap="truncate-end">{remark ? <Styled token="error">{clip(remark, columns, ellipsis)}</Styled> : ' '}</Text>
			<Text wrap="truncate-end">
				<Styled token={next.token}>{clip(next.text, columns - 1, ellipsis)}</Styled>
				{next.cursor ? <Text inverse> </Text> : null}
			</Text>
		</Box>
	);
}
