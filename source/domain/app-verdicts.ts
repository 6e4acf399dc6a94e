import type {ManagerSummary} from './field-paths.js';
import type {KubeObject} from './kube-object.js';
import {pairResources, type PairingOptions, type PairingResult} from './pairing.js';
import type {ResourceKey} from './resource-key.js';
import {judgePair, type JudgeOptions} from './resource-verdict.js';
import type {ResourceResult} from './verdict.js';

/** Pairing inputs plus what judging needs, per app. */
export type JudgeAppOptions = PairingOptions &
	Pick<JudgeOptions, 'ignoreRules' | 'quantities' | 'fieldManager' | 'applyRules'> & {
		/** The dry-run answer for a key (exact mode); undefined → the fast comparison for that object. */
		dryRunFor?: (key: ResourceKey) => KubeObject | undefined;
		/** The kept managed-fields summary of a live object whose projection dropped managedFields. */
		managersFor?: (live: KubeObject) => readonly ManagerSummary[] | undefined;
	};

/** Pairs an app's desired and live objects and judges every pair: the verdict engine in one call. */
export function judgeApp(options: JudgeAppOptions): {pairing: PairingResult; resources: ResourceResult[]} {
	const pairing = pairResources(options);
	const resources = pairing.pairs.map(pair => {
		const judge: JudgeOptions = {};
		if (options.ignoreRules) judge.ignoreRules = options.ignoreRules;
		if (options.quantities) judge.quantities = options.quantities;
		if (options.fieldManager) judge.fieldManager = options.fieldManager;
		if (options.applyRules) judge.applyRules = options.applyRules;
		const dryRun = pair.desired && pair.live ? options.dryRunFor?.(pair.key) : undefined;
		if (dryRun) judge.dryRun = dryRun;
		const managers = pair.live ? options.managersFor?.(pair.live) : undefined;
		if (managers) judge.liveManagers = managers;
		return judgePair(pair, judge);
	});
	return {pairing, resources};
}
