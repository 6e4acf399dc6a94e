/**
 * From what a person types (`payments`, `argo/payments`, `--context prod-eu`) to the one app an action is for:
 * discovery only, nothing rendered. Ambiguity is an error that names the candidates.
 */
import type {ActionTarget} from '../domain/action.js';
import type {Engine} from '../domain/app.js';
import {discoveredApps} from './discovered-apps.js';
import type {ActionDeps} from './deps.js';

/** The app named, on the given contexts (all selected ones when empty), of the given engine when one is named. */
export async function resolveTarget(
	deps: ActionDeps,
	query: {name: string; engine?: Engine; contexts?: readonly string[]},
): Promise<{ok: true; target: ActionTarget} | {ok: false; message: string}> {
	const discovered = await discoveredApps(deps);
	const matches = discovered.filter(
		app =>
			app.name === query.name &&
			(query.engine === undefined || app.engine === query.engine) &&
			(!query.contexts?.length || query.contexts.includes(app.context ?? app.controllerContext)),
	);
	if (matches.length === 1) {
		const app = matches[0]!;
		return {ok: true, target: {app: app.name, engine: app.engine, context: app.context ?? app.controllerContext, namespace: app.namespace}};
	}
	if (matches.length > 1) {
		const candidates = matches.map(app => `${app.engine}/${app.name} on context ${app.context ?? app.controllerContext} (${app.objectKind} ${app.namespace}/${app.name})`);
		return {ok: false, message: `${query.name} is ambiguous: ${candidates.join('; ')}. Pick one with --context, or ENGINE/${query.name}.`};
	}
	const names = [...new Set(discovered.map(app => app.name))];
	return {ok: false, message: names.length > 0 ? `no app named ${query.name}; apps: ${names.join(', ')}` : `no app named ${query.name}: no apps found on the selected contexts`};
}
