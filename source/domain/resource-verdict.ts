import {takenOverManagers, takeoverRemovals, type ApplyRules} from './apply-rules.js';
import {attributeField, fieldOwners, managersOf} from './attribution.js';
import {exactCompare} from './exact-compare.js';
import {fastCompare} from './fast-compare.js';
import {formatFieldPath, isPathPrefix, type FieldPath, type ManagerSummary} from './field-paths.js';
import {healthOf} from './health/index.js';
import {isFieldIgnored, objectIgnore, rulesForKey, type IgnoreRule} from './ignore-rules.js';
import type {KubeObject} from './kube-object.js';
import type {QuantityTools} from './normalise.js';
import {maskSecretPair} from './secret-mask.js';
import type {DriftedField, Pair, ResourceResult} from './verdict.js';

/** What judging a pair needs besides the pair; everything optional. */
export type JudgeOptions = {
	ignoreRules?: readonly IgnoreRule[];
	quantities?: QuantityTools;
	/** The server's answer to a server-side apply dry-run of the desired object: switches to the exact comparison. */
	dryRun?: KubeObject;
	/** The live object's managed-fields summary, when its projection no longer carries managedFields. */
	liveManagers?: readonly ManagerSummary[];
	/** The field manager the app's controller applies with: the fast comparison then sees fields Git dropped. */
	fieldManager?: string;
	/** How the app's controller applies (takeover of other managers' fields, per-object marks). */
	applyRules?: ApplyRules;
};

/**
 * Turns a pair into a verdict with its drifted fields (attributed to their managers, ignored ones marked) and
 * the live object's health. Missing objects have health Missing; Unknown pairs say why. The objects kept on the
 * result are masked when they are Secrets.
 */
export function judgePair(pair: Pair, options: JudgeOptions = {}): ResourceResult {
	const {key, desired, live} = pair;
	const base: ResourceResult = {key, verdict: 'Unknown', fields: []};
	// Secrets leave judging masked, so nothing that renders a result can show a value.
	const shown = maskSecretPair(desired, live);
	if (shown.desired) base.desired = shown.desired;
	if (shown.live) base.live = shown.live;
	const liveHealth = live ? healthOf(live) : undefined;
	if (liveHealth) base.health = liveHealth;
	const ignore = objectIgnore(desired, live, options.applyRules?.fluxObjectMarks === false ? {fluxObjectMarks: false} : {});
	if (ignore) base.ignore = ignore;

	if (pair.unknown) return {...base, verdict: 'Unknown', error: pair.unknown, health: liveHealth ?? {status: 'Unknown'}};
	// Flux never creates an object its apply excludes (`ssa: Ignore`, `reconcile: disabled`): nothing is missing.
	if (!live && desired && (ignore?.reason === 'ssa-ignore' || ignore?.reason === 'reconcile-disabled')) return {...base, verdict: 'Synced'};
	if (!live && desired) return {...base, verdict: 'Missing', health: {status: 'Missing'}};
	if (!desired) return {...base, verdict: live ? 'Extra' : 'Unknown'};
	if (!live) return base;

	const managers = managersOf(live, options.liveManagers);
	const paths = options.dryRun ? exactPaths(desired, live, options.dryRun, managers, options) : fastCompare(desired, live, options);
	const rules = rulesForKey(options.ignoreRules ?? [], key);
	const context: FieldJudging = {
		managers,
		rules,
		objectIgnored: ignore !== undefined,
		objects: [live, desired],
		takenOver: options.fieldManager ? takenOverManagers(desired, live, managers, options.fieldManager, options.applyRules) : new Set(),
		...(options.applyRules ? {controller: options.applyRules.controller} : {}),
	};
	const fields = dedupe(paths).map(path => driftedField(path, context));
	const verdict = fields.some(field => !field.ignored) ? 'Drifted' : 'Synced';
	return {...base, verdict, fields};
}

/**
 * The exact comparison plus what the dry-run cannot show: the fields the controller takes over from other
 * managers in a separate write before applying (Flux's cleanup), which its apply then removes.
 */
function exactPaths(desired: KubeObject, live: KubeObject, dryRun: KubeObject, managers: readonly ManagerSummary[], options: JudgeOptions): FieldPath[] {
	const paths = exactCompare(live, dryRun, options);
	if (!options.fieldManager) return paths;
	const extra = takeoverRemovals(desired, live, managers, options.fieldManager, options.applyRules);
	return [...paths, ...extra.filter(path => !paths.some(reported => isPathPrefix(reported, path)))];
}

type FieldJudging = {
	managers: readonly ManagerSummary[];
	rules: readonly IgnoreRule[];
	objectIgnored: boolean;
	objects: KubeObject[];
	takenOver: ReadonlySet<string>;
	controller?: string;
};

function driftedField(path: FieldPath, context: FieldJudging): DriftedField {
	const {managers, rules, objectIgnored, objects} = context;
	const field: DriftedField = {path: formatFieldPath(path)};
	const manager = attributeField(path, managers);
	if (manager) field.manager = manager;
	if (manager && context.takenOver.has(manager)) {
		field.note = `${context.controller ?? 'the controller'} takes over ${manager}'s fields and reverts this on its next apply`;
	}

	if (objectIgnored || isFieldIgnored(path, rules, {objects, owners: fieldOwners(path, managers)})) field.ignored = true;
	return field;
}

function dedupe(paths: FieldPath[]): FieldPath[] {
	const seen = new Set<string>();
	return paths.filter(path => {
		const text = JSON.stringify(path);
		if (seen.has(text)) return false;
		seen.add(text);
		return true;
	});
}
