/** Everything that can happen to the TUI's state, named for what happened. */
import type {CommandId} from '../keymap/bindings.js';
import type {DialogAction} from './dialog-reducer.js';
import type {FleetSnapshot} from './fleet-snapshot.js';
import type {SinceHealthyDocument} from './since-healthy.js';
import type {AppObjectDocument, DiffDocument, HistoryDocument, Message} from './tui-state.js';

export type TuiAction =
	| {type: 'snapshot-updated'; snapshot: FleetSnapshot}
	| {type: 'terminal-resized'; columns: number; rows: number}
	| {type: 'command-invoked'; command: CommandId}
	| {type: 'filter-edited'; text: string}
	| {type: 'filter-closed'; keep: boolean}
	| {type: 'command-line-edited'; text: string}
	| {type: 'command-line-closed'}
	| {type: 'context-chosen'; context: string | undefined}
	| {type: 'app-named'; name: string}
	| {type: 'diff-loaded'; key: string; document: DiffDocument}
	| {type: 'history-loaded'; appId: string; document: HistoryDocument}
	| {type: 'since-healthy-loaded'; appId: string; document: SinceHealthyDocument}
	| {type: 'app-object-loaded'; appId: string; document: AppObjectDocument}
	| {type: 'message-shown'; message: Message | undefined}
	| DialogAction;
