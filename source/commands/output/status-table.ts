/**
 * The `status` table: a header (repository, fetch age, outage and unreachable-context warnings), one row per app
 * (app, engine, context, sync, controller's sync, health, revision, auto-sync) within 80 columns, and under each
 * app what is wrong with it: drifted, missing and extra resources with the field paths and who changed them (and
 * what the controller will do about them, e.g. Flux reverting what it takes over), and its error. Built from the same document `-o json` prints, so the two never disagree.
 */
import type {StatusJsonApp} from '../../domain/app.js';
import {asciiSafe, asciiText} from '../../domain/ascii-text.js';
import {autoSyncWord} from '../../domain/auto-sync-word.js';
import {fitFieldPath} from '../../domain/field-path-fit.js';
import {terminalSafe} from '../../domain/terminal-text.js';
import type {StatusDocument} from './status-document.js';
import {fitMiddle, layoutTable, wrap, type Column} from './table-layout.js';

export type StatusTableOptions = {
	now: Date;
	width?: number;
	/** Warnings per app, in the document's app order (render notes, unsupported options). */
	notes?: ReadonlyArray<readonly string[]>;
	/** Repository-level problems to show in the header (settings file errors...). */
	problems?: readonly string[];
	/** ASCII only (domain/ascii-text.ts `asciiTerminal`): data made ASCII before it is measured and laid out. */
	ascii?: boolean;
};

const columns: Column[] = [
	{header: 'APP', flexible: true, min: 8},
	{header: 'ENGINE'},
	{header: 'CONTEXT', flexible: true, min: 8},
	{header: 'SYNC'},
	{header: 'CTRL'},
	{header: 'HEALTH'},
	{header: 'REVISION'},
	{header: 'AUTO'},
];

/** The table as text (ending with a newline). */
export function formatStatusTable(unsafeDocument: StatusDocument, unsafeOptions: StatusTableOptions): string {
	// Names, messages and pause reasons come from Git and the cluster: shown, never interpreted, and measured as shown.
	const asAscii = <T,>(value: T): T => (unsafeOptions.ascii ? asciiSafe(value) : value);
	const document = asAscii(terminalSafe(unsafeDocument));
	const options = {...unsafeOptions, ...asAscii(terminalSafe({notes: unsafeOptions.notes, problems: unsafeOptions.problems}))};
	const width = options.width ?? 80;
	const lines: string[] = [...headerLines(document, options, width)];
	if (lines.length > 0) lines.push('');
	if (document.apps.length === 0) {
		lines.push('No apps found: no Flux Kustomization, HelmRelease or Argo CD Application on the selected contexts,');
		lines.push('and no plain apps in .gitops-tui.yaml.');
		return finish(lines, options.ascii);
	}

	const rows = document.apps.map(app => [
		app.name,
		app.engine,
		app.context,
		app.sync,
		app.engine === 'plain' ? '-' : app.controllerSync,
		app.health,
		revisionCell(app),
		autoSyncCell(app),
	]);
	const table = layoutTable(columns, rows, width);
	lines.push(table[0]!);
	document.apps.forEach((app, index) => {
		lines.push(table[index + 1]!);
		lines.push(...detailLines(app, options.notes?.[index] ?? [], width));
	});
	return finish(lines, options.ascii);
}

/** The lines as text; in ASCII mode, anything the layout added passes the same replacement (a last guard). */
function finish(lines: readonly string[], ascii: boolean | undefined): string {
	const text = `${lines.join('\n')}\n`;
	return ascii ? asciiText(text) : text;
}

function headerLines(document: StatusDocument, options: StatusTableOptions, width: number): string[] {
	const {git} = document;
	const lines: string[] = [];
	if (git.repo) {
		const parts = [`Repo ${git.repo}`];
		if (git.branch) parts.push(`branch ${git.branch}`);
		if (git.head) parts.push(`at ${git.head.slice(0, 7)}`);
		if (git.lastFetch) parts.push(`fetched ${ago(git.lastFetch, options.now)}`);
		lines.push(...wrap(parts.join(', '), width, '  ', ''));
	}

	if (git.error) {
		const age = git.lastFetch ? ` (desired state as of the last fetch, ${ago(git.lastFetch, options.now)})` : '';
		const outage = git.repo ? `GIT OUTAGE: ${git.error}. Verdicts are computed from the local clone${age}.` : `NO REPOSITORY: ${git.error}.`;
		lines.push(...wrap(outage, width, '  ', '! '));
	}

	for (const context of document.contexts) {
		if (!context.reachable) lines.push(...wrap(`context ${context.name} unreachable: ${context.error ?? 'unknown error'}`, width, '  ', '! '));
	}

	for (const problem of options.problems ?? []) lines.push(...wrap(problem, width, '  ', '! '));
	return lines;
}

function detailLines(app: StatusJsonApp, notes: readonly string[], width: number): string[] {
	const lines: string[] = [];
	if (app.error) lines.push(...wrap(app.error, width, '         ', '  error: '));
	const pause = pauseLine(app.autoSync);
	if (pause) lines.push(...wrap(pause, width, '    ', '  '));

	for (const resource of app.resources) {
		if (resource.verdict === 'Synced') continue;
		const name = resource.namespace ? `${resource.kind} ${resource.namespace}/${resource.name}` : `${resource.kind} ${resource.name}`;
		lines.push(fitMiddle(`  ${resource.verdict.padEnd(8)} ${name}`, width));
		for (const field of resource.fields) {
			const by = field.manager ? `  (${field.manager})` : '';
			// Cut from the left at whole steps: the leaf (what changed) stays readable.
			lines.push(`      ${fitFieldPath(field.path, Math.max(20, width - 6 - by.length))}${by}`);
		}

		// What the controller does about those fields (Flux reverts what it takes over from kubectl…), once per resource.
		for (const note of new Set(resource.fields.flatMap(field => (field.note ? [field.note] : [])))) lines.push(...wrap(note, width, '            ', '      note: '));

		if (resource.error) lines.push(...wrap(resource.error, width, '        ', '      '));
	}

	for (const note of notes) lines.push(...wrap(note, width, '         ', '  note: '));
	return lines;
}

/** `paused by alice since … until …: why`, or nothing when nobody paused the app (also `diff`'s header line). */
export function pauseLine(autoSync: StatusJsonApp['autoSync']): string | undefined {
	if (autoSync.enabled !== false || !(autoSync.pausedBy || autoSync.reason)) return undefined;
	const pause = [autoSync.pausedBy ? `by ${autoSync.pausedBy}` : '', autoSync.since ? `since ${autoSync.since}` : '', autoSync.until ? `until ${autoSync.until}` : '', autoSync.reason ? `: ${autoSync.reason}` : '']
		.filter(Boolean)
		.join(' ')
		.replace(' :', ':');
	return `paused ${pause}`;
}

function revisionCell(app: StatusJsonApp): string {
	const deployed = app.revision.deployed;
	if (!deployed) return '-';
	const behind = app.revision.behind;
	return behind ? `${deployed.slice(0, 7)} ${behind} behind` : deployed.slice(0, 7);
}

/** on, paused, off, or `-` for a plain app nobody paused: the TUI's AUTO word (domain/auto-sync-word.ts). */
export function autoSyncCell(app: StatusJsonApp): string {
	return autoSyncWord(app);
}

/** "just now", "42s ago", "5m ago", "3h ago", "2d ago". */
export function ago(iso: string, now: Date): string {
	const seconds = Math.round((now.getTime() - Date.parse(iso)) / 1000);
	if (!Number.isFinite(seconds)) return iso;
	if (seconds < 5) return 'just now';
	if (seconds < 60) return `${seconds}s ago`;
	if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
	if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h ago`;
	return `${Math.floor(seconds / 86_400)}d ago`;
}
