// Module hooks (node:module register) that note every file: URL Node loads into the file named by
// GITOPS_TUI_MODULE_TRACE, one a line. Registered by module-trace.mjs; tests read which bundle chunks a run loaded.
import {appendFileSync} from 'node:fs';

export async function load(url, context, nextLoad) {
	if (url.startsWith('file:') && process.env.GITOPS_TUI_MODULE_TRACE) appendFileSync(process.env.GITOPS_TUI_MODULE_TRACE, `${url}\n`);
	return nextLoad(url, context);
}
