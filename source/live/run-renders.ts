/**
 * How one run of the live loop renders its apps. A run over many apps (the first one, a commit touching most of the
 * fleet) renders as `status` does (engines/render-lanes.ts): process renders (kustomize, helm, a Flux overlay) in a
 * lane of their own, started first, so each process runs while this process parses the plain folders' YAML, and
 * many plain folders at once. The few apps of a live change render in their order, two at once.
 */
import {mapConcurrent} from '../engines/concurrency.js';
import type {DesiredTree} from '../engines/desired-state.js';
import type {AppDefinition} from '../engines/engine.js';
import {renderInLanes} from '../engines/render-lanes.js';

/** Above this many apps, a run renders in two lanes, `wideConcurrency` plain folders at once. */
export const renderWideFrom = 8;
const wideConcurrency = 16;
const narrowConcurrency = 2;

export type RunRendersOptions<T> = {
	tree: DesiredTree;
	/** Whether each app's render is a process, when working out its render key found out (by app id). */
	processes: ReadonlyMap<string, boolean | undefined>;
	render: (app: AppDefinition) => Promise<T>;
	/** Renders at once, whatever the run's size (a caller's setting). */
	concurrency?: number;
	/** Process renders at once in a wide run (default: render-lanes.ts). */
	processLane?: number;
};

/** Each app's render, in the apps' order. */
export async function runRenders<T>(apps: readonly AppDefinition[], options: RunRendersOptions<T>): Promise<T[]> {
	if (apps.length <= renderWideFrom) return mapConcurrent(apps, options.concurrency ?? narrowConcurrency, app => options.render(app));
	const lanes = {
		tree: options.tree,
		concurrency: options.concurrency ?? wideConcurrency,
		known: apps.map(app => options.processes.get(app.id)),
		...(options.processLane ? {processLane: options.processLane} : {}),
	};
	return renderInLanes(apps, lanes, index => options.render(apps[index]!));
}
