/**
 * One resource as `gitops-tui diff` prints it and the TUI's diff view shows it: a comment header (kind, name,
 * verdict, each drifted field with the manager that set it live, what ignore rules hid) and a unified diff of
 * live against live-after-apply, bounded and with Secrets masked (which keys changed, never a value).
 */
import {liveFieldsOf} from '../domain/desired-view.js';
import type {KubeObject} from '../domain/kube-object.js';
import {effectiveData, isSecret} from '../domain/secret-mask.js';
import {textDiff} from '../domain/text-diff.js';
import type {ResourceResult} from '../domain/verdict.js';
import {verdictSides} from '../domain/verdict-view.js';
import type {ResourceSides} from './resource-sides.js';

/**
 * What a diff shows: by default every field the verdict found, ignored ones too (the TUI cuts those itself for
 * its toggle); `showIgnored: false` leaves the ignored ones out, as `gitops-tui diff` prints.
 */
export type DiffTextOptions = {showIgnored?: boolean};

/** The header and diff of one resource, ending with a newline. */
export function formatResourceDiff(result: ResourceResult, sides: ResourceSides, options: DiffTextOptions = {}): string {
	const {key} = result;
	const apiVersion = key.group ? `${key.group}/${key.version}` : key.version;
	const name = key.namespace ? `${key.namespace}/${key.name}` : key.name;
	const lines = [`# ${key.kind} ${name} (${apiVersion}): ${describe(result)}`];
	for (const field of result.fields) {
		const owner = field.manager ? `  set by ${field.manager}` : '';
		const note = field.note ? `  (${field.note})` : '';
		lines.push(`#   ${field.path}${owner}${field.ignored ? '  [ignored by a rule]' : ''}${note}`);
	}

	if (result.ignore) lines.push(`#   whole object ignored: ${result.ignore.message}`);
	if (result.error) lines.push(`#   ${result.error}`);
	if (result.verdict !== 'Unknown') {
		const body = resourceDiffBody(result, sides, options);
		if (body) lines.push(body);
	}

	return `${lines.join('\n')}\n`;
}

/**
 * The unified diff of one resource (live against live-after-apply), or a comment saying why there is none; ''
 * when equal. For a judged pair only the verdict's fields change between the sides (domain/verdict-view.ts), so
 * the text and the verdict agree; Secrets keep their own masked view.
 */
export function resourceDiffBody(result: ResourceResult, sides: ResourceSides, options: DiffTextOptions = {}): string {
	const {key} = result;
	const lines: string[] = [];
	let before = sides.live && sides.desired && !sides.exact ? fastLiveView(sides.desired, sides.live) : sides.live;
	let after = result.verdict === 'Extra' ? undefined : sides.merged;
	if (before && after && sides.live && sides.desired && !isSecret(sides.desired) && (result.verdict === 'Drifted' || result.verdict === 'Synced')) {
		const fields = result.fields.filter(field => options.showIgnored !== false || !field.ignored);
		const judged = verdictSides({before, live: sides.live, target: after, desired: sides.desired, fields});
		if (judged) ({before, after} = judged);
	}

	if (before || after) {
		const path = `${key.group || 'core'}/${key.version}/${key.kind}/${key.namespace ? `${key.namespace}/` : ''}${key.name}`;
		const diff = textDiff({
			...(before ? {before} : {}),
			...(after ? {after} : {}),
			beforeName: `live/${path}`,
			afterName: `merged/${path}`,
		});
		if (diff.ok) {
			if (diff.changed) lines.push(stripIndexLine(diff.diff).trimEnd());
		} else {
			lines.push(`#   ${diff.error.message}; differing fields: ${diff.paths.join(', ') || 'unknown'}`);
		}
	}

	return lines.join('\n');
}

function describe(result: ResourceResult): string {
	switch (result.verdict) {
		case 'Missing':
			return 'Missing (in Git, not in the cluster)';
		case 'Extra':
			return 'Extra (in the cluster as part of the app, not in Git)';
		case 'Synced':
			return result.fields.length > 0 ? 'Synced (differences hidden by ignore rules)' : 'Synced';
		default:
			return result.verdict;
	}
}

/**
 * Live cut to the fields the manifest sets, as the fast comparison judged it. A Secret's data is cut to the
 * keys the manifest sets (through `stringData` too), so masking lines the keys up.
 */
function fastLiveView(desired: KubeObject, live: KubeObject): KubeObject {
	if (!isSecret(desired)) return liveFieldsOf(desired, live);
	const {data: _data, stringData: _stringData, ...rest} = desired;
	const view = liveFieldsOf({...rest, apiVersion: desired.apiVersion, kind: desired.kind, metadata: desired.metadata}, live);
	const keys = Object.keys(effectiveData(desired));
	const liveData = (live.data ?? {}) as Record<string, unknown>;
	const data = Object.fromEntries(keys.filter(key => key in liveData).map(key => [key, liveData[key]]));
	return Object.keys(data).length > 0 ? {...view, data} : view;
}

/** createTwoFilesPatch starts with a `====` rule (and `Index:` in some versions) that `diff -u` does not print. */
function stripIndexLine(patch: string): string {
	return patch.replace(/^(Index: [^\n]*\n)?=+\n/, '');
}
