/**
 * An app's diff for the TUI: the same text `gitops-tui diff` prints (headers naming each drifted
 * field and the manager that set it, then a bounded unified diff with Secrets masked), split into
 * classified lines. Lines about fields an ignore rule hides are marked, for the toggle.
 */
import {resourceId} from '../domain/resource-key.js';
import type {EvaluatedApp} from '../engines/evaluate.js';
import type {DryRunResults} from '../engines/judge-prepared.js';
import {formatResourceDiff} from '../engines/resource-diff-text.js';
import {resourceSides} from '../engines/resource-sides.js';
import type {DiffDocument, DiffLine} from '../state/tui-state.js';

/** Classifies one line of `formatResourceDiff` output. */
export function classify(text: string): DiffLine {
	if (text.startsWith('---') || text.startsWith('+++')) return {kind: 'header', text};
	if (text.startsWith('@@')) return {kind: 'hunk', text};
	if (text.startsWith('+')) return {kind: 'added', text};
	if (text.startsWith('-')) return {kind: 'removed', text};
	if (text.startsWith('#')) {
		const ignored = text.includes('[ignored by a rule]');
		const manager = /set by (\S+)/.exec(text)?.[1];
		return {kind: 'note', text: text.replace(/\s+set by \S+/, '').replace('  [ignored by a rule]', ''), ...(manager ? {manager} : {}), ...(ignored ? {ignored} : {})};
	}
	return {kind: 'context', text};
}

/** The diff of one resource (resourceId given) or of every resource of the app that is not Synced. */
export function diffDocument(app: EvaluatedApp, options: {resourceId?: string; dryRuns?: DryRunResults; pending: boolean}): DiffDocument {
	const results = app.status.resources.filter(result =>
		options.resourceId ? resourceId(result.key) === options.resourceId : result.verdict !== 'Synced' || result.fields.length > 0,
	);
	const lines: DiffLine[] = [];
	for (const result of results) {
		const sides = resourceSides(app.prepared, result.key, options.dryRuns);
		// A resource whose every difference is ignored shows only when ignored fields are shown.
		const allIgnored = result.verdict === 'Synced' && result.fields.length > 0 && result.fields.every(field => field.ignored);
		for (const text of formatResourceDiff(result, sides).trimEnd().split('\n')) {
			const line = classify(text);
			lines.push(allIgnored ? {...line, ignored: true} : line);
		}
	}
	if (app.status.error) lines.unshift({kind: 'note', text: `# ${app.status.error}`});
	const exact = Boolean(options.dryRuns);
	return {mode: exact ? 'exact' : 'fast', pending: options.pending, lines};
}
