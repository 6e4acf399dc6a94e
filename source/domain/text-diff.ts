import {createTwoFilesPatch} from 'diff';
import {dump} from 'js-yaml';
import {exactCompare} from './exact-compare.js';
import {formatFieldPath} from './field-paths.js';
import type {KubeObject} from './kube-object.js';
import {withoutServerWritten} from './server-written.js';
import {maskSecretPair} from './secret-mask.js';

/** Inputs of `textDiff`; `before` is usually live, `after` the desired object or the dry-run result. */
export type TextDiffOptions = {
	before?: KubeObject;
	after?: KubeObject;
	/** Names in the `---`/`+++` headers, e.g. `live/apps/Deployment/shop/web`. */
	beforeName?: string;
	afterName?: string;
	/** Lines of context around changes (default 3, like diff -u). */
	context?: number;
	/** Give up beyond this many edits (default 4000 lines). */
	maxEditLength?: number;
	/** Give up after this many milliseconds (default 1000). */
	timeoutMs?: number;
	/** Keep `status` in the text (default: dropped, as the comparisons ignore it). */
	keepStatus?: boolean;
};

/** A unified diff, or the news that it was too large to compute, with the changed field paths instead. */
export type TextDiffResult =
	| {ok: true; diff: string; changed: boolean}
	| {ok: false; error: {kind: 'too-large'; message: string}; paths: string[]};

/**
 * A unified diff of two objects as YAML with keys sorted, Secrets masked (which keys changed, never values),
 * server-written fields (server-written.ts: managedFields, versions, the last-applied annotation...) left out. Bounded by `maxEditLength` and
 * `timeoutMs`, so one pathological object cannot stall the caller.
 */
export function textDiff(options: TextDiffOptions): TextDiffResult {
	const masked = maskSecretPair(options.after, options.before);
	const before = masked.live ? displayable(masked.live, options.keepStatus) : undefined;
	const after = masked.desired ? displayable(masked.desired, options.keepStatus) : undefined;
	const beforeText = before ? toYaml(before) : '';
	const afterText = after ? toYaml(after) : '';
	if (beforeText === afterText) return {ok: true, diff: '', changed: false};
	const maxEditLength = options.maxEditLength ?? 4000;
	const timeout = options.timeoutMs ?? 1000;
	const patch = createTwoFilesPatch(
		options.beforeName ?? 'live',
		options.afterName ?? 'desired',
		beforeText,
		afterText,
		undefined,
		undefined,
		{context: options.context ?? 3, maxEditLength, timeout},
	);
	if (patch === undefined) {
		const paths = before && after ? exactCompare(before, after).map(path => formatFieldPath(path)) : [];
		return {
			ok: false,
			error: {kind: 'too-large', message: `the diff is too large to show (over ${maxEditLength} edits or ${timeout} ms)`},
			paths,
		};
	}

	return {ok: true, diff: patch, changed: true};
}

/** YAML with keys sorted at every level, long lines unfolded, no anchors: stable text for diffs. */
export function toYaml(value: unknown): string {
	return dump(value, {sortKeys: true, lineWidth: -1, noRefs: true});
}

function displayable(object: KubeObject, keepStatus = false): KubeObject {
	return withoutServerWritten(object, {keepStatus});
}
