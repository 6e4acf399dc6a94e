/**
 * Every engine behind one call: the app kinds to read from each context, and the merged, sorted app list, with
 * the repository's own ignore rules (`.gitops-tui.yaml`) added to every app.
 */
import type {KindRef} from '../cluster/discovery.js';
import {argoApplicationEngine} from './argo-application.js';
import type {AppDefinition, AppEngine, DiscoveryInput} from './engine.js';
import {fluxHelmReleaseEngine} from './flux-helmrelease.js';
import {fluxKustomizationEngine} from './flux-kustomization.js';
import {plainAppEngine} from './plain-app.js';

/** The engines, in the order their apps are listed when names tie. */
export const allEngines: readonly AppEngine[] = [fluxKustomizationEngine, fluxHelmReleaseEngine, argoApplicationEngine, plainAppEngine];

/** The kinds of app objects to read from each context (each once). */
export function appKinds(engines: readonly AppEngine[] = allEngines): KindRef[] {
	const kinds = new Map<string, KindRef>();
	for (const engine of engines) for (const kind of engine.kinds) kinds.set(`${kind.group}/${kind.kind}`, kind);
	return [...kinds.values()];
}

/** Every app every engine finds, sorted by name, then context, then engine. */
export function discoverApps(input: DiscoveryInput, engines: readonly AppEngine[] = allEngines): AppDefinition[] {
	const apps = engines.flatMap(engine => engine.discover(input));
	for (const app of apps) app.ignoreRules = [...app.ignoreRules, ...input.settings.ignore];
	return apps.sort(
		(a, b) =>
			compare(a.name, b.name) ||
			compare(a.context ?? a.controllerContext, b.context ?? b.controllerContext) ||
			compare(a.engine, b.engine) ||
			compare(a.id, b.id),
	);
}

function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
