/**
 * Finds the app an action is for, by one evaluation of that app alone (fast comparison: nothing is written,
 * not even a dry-run), with the live snapshot kept so rollback can pair another revision's objects with the
 * same live state, and the protected contexts the repository's settings name.
 */
import type {ActionTarget} from '../domain/action.js';
import {evaluate, type EvaluatedApp} from '../engines/evaluate.js';
import {createLiveSnapshot, type LiveSnapshot} from '../engines/live-snapshot.js';
import type {ContextClient} from '../cluster/context-client.js';
import type {ActionDeps} from './deps.js';

/**
 * The app found, its snapshot, and the settings' protected contexts. `everyContextProtected`: the repository's
 * settings could not be read, so which contexts they protect is unknown and every one needs its name typed.
 */
export type LocatedApp = {app: EvaluatedApp; snapshot: LiveSnapshot; protectedContexts: string[]; everyContextProtected: boolean; settingsWarnings: string[]};

/** Evaluates the target app; fails naming what exists when it is not found or is ambiguous. */
export async function locateApp(deps: ActionDeps, target: ActionTarget): Promise<{ok: true; located: LocatedApp} | {ok: false; message: string}> {
	const clients = new Map<string, ContextClient>();
	for (const {info, client} of deps.contexts) if (client) clients.set(info.name, client);
	const snapshot = createLiveSnapshot({clients});
	const evaluation = await evaluate({
		contexts: deps.contexts,
		...(deps.currentContext ? {currentContext: deps.currentContext} : {}),
		...(deps.kubeconfigContexts ? {kubeconfigContexts: deps.kubeconfigContexts} : {}),
		...(deps.repo ? {repo: deps.repo} : {}),
		...(deps.repoError ? {repoError: deps.repoError} : {}),
		tools: deps.tools,
		mode: 'fast',
		snapshot,
		select: app =>
			app.name === target.app &&
			app.engine === target.engine &&
			(app.context ?? app.controllerContext) === target.context &&
			(target.namespace === '' || app.namespace === target.namespace),
	});
	const protectedContexts = [...(deps.settings.protectedContexts ?? []), ...(evaluation.settings.ok ? evaluation.settings.settings.protectedContexts : [])];
	// Fail safe: a broken .gitops-tui.yaml must not quietly drop the typed confirmation it may have asked for.
	const everyContextProtected = !evaluation.settings.ok;
	const settingsWarnings = evaluation.settings.ok
		? []
		: [evaluation.settings.error.message, 'the repository settings cannot be read, so the contexts they protect are unknown: every context needs its name typed to confirm'];
	if (evaluation.apps.length === 1) return {ok: true, located: {app: evaluation.apps[0]!, snapshot, protectedContexts, everyContextProtected, settingsWarnings}};
	const where = `${target.engine} app ${target.app} on context ${target.context}`;
	if (evaluation.apps.length > 1) return {ok: false, message: `${where} is ambiguous: it exists in namespaces ${evaluation.apps.map(app => app.definition.namespace).join(', ')}`};
	const names = [...new Set(evaluation.discovered.map(app => `${app.engine}/${app.name}@${app.context ?? app.controllerContext}`))];
	return {ok: false, message: `no ${where}${names.length > 0 ? `; apps: ${names.join(', ')}` : ''}`};
}
