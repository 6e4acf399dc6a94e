/**
 * Every app the session's contexts and repository declare, found without judging any (discovery only: `select`
 * takes none), for the questions asked before an action: which app a name means, whose pause has run out.
 */
import {evaluate} from '../engines/evaluate.js';
import type {AppDefinition} from '../engines/engine.js';
import type {ActionDeps} from './deps.js';

export async function discoveredApps(deps: ActionDeps): Promise<readonly AppDefinition[]> {
	const evaluation = await evaluate({
		contexts: deps.contexts,
		...(deps.currentContext ? {currentContext: deps.currentContext} : {}),
		...(deps.kubeconfigContexts ? {kubeconfigContexts: deps.kubeconfigContexts} : {}),
		...(deps.repo ? {repo: deps.repo} : {}),
		tools: deps.tools,
		mode: 'fast',
		select: () => false,
	});
	return evaluation.discovered;
}
