/**
 * Read-only mode, as actions see it: globally (`--read-only`) or per context (user settings), an action refuses
 * before it sends a single request, and says which of the two stopped it.
 */
import type {ActionSettings} from './deps.js';

/** Why an action on these contexts must not run, or undefined. */
export function readOnlyRefusal(settings: ActionSettings, contexts: readonly string[]): string | undefined {
	if (settings.readOnly) return 'read-only mode (--read-only): no request that could change a cluster is sent';
	const context = contexts.find(name => settings.readOnlyContexts?.includes(name));
	if (context) return `context ${context} is read-only in your settings: no request that could change it is sent`;
	return undefined;
}
