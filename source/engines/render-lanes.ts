/**
 * Many apps rendered in two lanes side by side: the process renders (kustomize, helm, a Flux overlay, as
 * render-order.ts tells them) in a narrow lane of their own, the plain folders in a wide one. The render tools'
 * runner lets only as many processes run as there are cores, the rest wait their turn; with one lane for both, every
 * slot filled up with process renders waiting for a core while this process, with no YAML left to parse, sat idle
 * (a first run over 500 apps, 25 of them kustomize: about a second). Each lane starts in the given order.
 */
import os from 'node:os';
import {mapConcurrent} from './concurrency.js';
import type {DesiredTree} from './desired-state.js';
import type {AppDefinition} from './engine.js';
import {renderGroups} from './render-order.js';

export type RenderLanesOptions = {
	tree: DesiredTree;
	/** Renders at once in the plain lane. */
	concurrency: number;
	/** Whether app i's render is a process, when its render key found out already. */
	known?: ReadonlyArray<boolean | undefined>;
	/** Process renders at once: default the cores and two more, so one is ready as soon as a process ends. */
	processLane?: number;
};

/** Each app's render (`render(i)` renders `apps[i]`), in the apps' order. */
export async function renderInLanes<R>(apps: readonly AppDefinition[], options: RenderLanesOptions, render: (index: number) => Promise<R>): Promise<R[]> {
	const {processes, others} = await renderGroups(apps, options.tree, options.known);
	const results: R[] = new Array(apps.length);
	const lane = async (indexes: number[], width: number) =>
		mapConcurrent(indexes, width, async index => {
			results[index] = await render(index);
		});
	await Promise.all([lane(processes, options.processLane ?? os.availableParallelism() + 2), lane(others, options.concurrency)]);
	return results;
}
