/**
 * How one run of the live loop renders its apps. A run over many apps (the first one, a commit touching most of the
 * fleet) renders as `status` does (engines/render-apps.ts): process renders (kustomize, helm, a Flux overlay) first,
 * so each process runs while this process parses the plain folders' YAML instead of holding the run's end, and
 * several at once. The few apps of a live change render in their order, two at once.
 */
import {mapConcurrent} from '../engines/concurrency.js';
import type {DesiredTree} from '../engines/desired-state.js';
import type {AppDefinition} from '../engines/engine.js';
import {renderOrder} from '../engines/render-order.js';

/** Above this many apps, a run renders in the render order, `wideConcurrency` at once. */
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
};

/** Each app's render, in the apps' order. */
export async function runRenders<T>(apps: readonly AppDefinition[], options: RunRendersOptions<T>): Promise<T[]> {
	const wide = apps.length > renderWideFrom;
	const order = wide ? await renderOrder(apps, options.tree, apps.map(app => options.processes.get(app.id))) : apps.map((_, index) => index);
	const inOrder = await mapConcurrent(order, options.concurrency ?? (wide ? wideConcurrency : narrowConcurrency), index => options.render(apps[index]!));
	const results: T[] = new Array(apps.length);
	order.forEach((index, position) => (results[index] = inOrder[position]!));
	return results;
}
