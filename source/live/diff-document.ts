/**
 * An app's diff for the TUI: the same text `gitops-tui diff` prints (headers naming each drifted
 * field and the manager that set it, then a bounded unified diff with Secrets masked), split into
 * classified lines. Lines about fields an ignore rule hides are marked, for the toggle.
 */
import type {FieldPath} from '../domain/field-path-notation.js';
import type {KubeObject} from '../domain/kube-object.js';
import {withoutFields} from '../domain/remove-fields.js';
import {resourceId} from '../domain/resource-key.js';
import type {DriftedField, ResourceResult} from '../domain/verdict.js';
import {resolveFieldPath} from '../domain/verdict-view.js';
import type {EvaluatedApp} from '../engines/evaluate.js';
import type {DryRunResults} from '../engines/judge-prepared.js';
import {formatResourceDiff} from '../engines/resource-diff-text.js';
import {resourceSidesOf, type ResourceSides} from '../engines/resource-sides.js';
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

type Sides = ResourceSides;

/** The fields' paths read against the objects, as `gitops-tui diff` reads them (a label key may have dots). */
function resolvedPaths(fields: readonly DriftedField[], objects: ReadonlyArray<KubeObject | undefined>): FieldPath[] {
	return fields.flatMap(field => {
		const path = resolveFieldPath(field.path, objects);
		return path ? [path] : [];
	});
}

/** Lines of one resource; with `hideIgnored`, ignored fields are cut from both sides before diffing. */
function resourceLines(result: ResourceResult, sides: Sides, hideIgnored: boolean): DiffLine[] {
	const ignored = result.fields.filter(field => field.ignored);
	if (hideIgnored && ignored.length > 0) {
		// A resource whose every difference is ignored shows only when ignored fields are shown.
		if (result.verdict === 'Synced') return [];
		const {live, merged, desired} = sides;
		const paths = resolvedPaths(ignored, [live, merged, desired]);
		const strip = (object: KubeObject | undefined) => object && withoutFields(object, paths);
		sides = {...sides, ...(live ? {live: strip(live)} : {}), ...(merged ? {merged: strip(merged)} : {}), ...(desired ? {desired: strip(desired)} : {})};
		result = {...result, fields: result.fields.filter(field => !field.ignored)};
	}
	return formatResourceDiff(result, sides).trimEnd().split('\n').map(classify);
}

/** The resources a diff shows: the one asked for, or every resource of the app that is not Synced. */
export function diffResources(app: EvaluatedApp, id?: string): ResourceResult[] {
	return app.status.resources.filter(result => (id ? resourceId(result.key) === id : result.verdict !== 'Synced' || result.fields.length > 0));
}

/** The diff of one resource (resourceId given) or of every resource of the app that is not Synced. */
export function diffDocument(app: EvaluatedApp, options: {resourceId?: string; dryRuns?: DryRunResults; pending: boolean}): DiffDocument {
	const results = diffResources(app, options.resourceId);
	const sidesOf = resourceSidesOf(app.prepared, options.dryRuns);
	const build = (hideIgnored: boolean) => results.flatMap(result => resourceLines(result, sidesOf(result.key), hideIgnored));
	const lines = build(true);
	const anyIgnored = results.some(result => result.fields.some(field => field.ignored));
	const withIgnored = anyIgnored ? build(false) : undefined;
	if (app.status.error) {
		const note: DiffLine = {kind: 'note', text: `# ${app.status.error}`};
		lines.unshift(note);
		withIgnored?.unshift(note);
	}
	const mode = options.dryRuns ? 'exact' : 'fast';
	return {mode, pending: options.pending, lines, ...(withIgnored ? {linesWithIgnored: withIgnored} : {})};
}
