/**
 * `evidence.md` of `gitops-tui audit`: the evidence for people — a summary, the contexts with who we were there,
 * the repository, every app, drift per app with the managers that set each field, pauses, the action timeline with
 * the journal's integrity, and the requests this run sent. Made from `evidence.json` alone, so both always agree.
 * Every cell is escaped: a crafted app name or pause reason cannot break the table, inject HTML or move a terminal
 * cursor when the file is printed.
 */
import {terminalText} from '../../domain/terminal-text.js';
import type {AuditEvidence} from './audit-document.js';
import {autoSyncCell} from './status-table.js';

export function auditMarkdown(evidence: AuditEvidence): string {
	const sections = [summary(evidence), contexts(evidence), repository(evidence), apps(evidence), drift(evidence), pauses(evidence), timeline(evidence), requests(evidence)];
	return `${sections.join('\n\n')}\n`;
}

function summary(evidence: AuditEvidence): string {
	const {requests} = evidence;
	const verbs = Object.entries(requests.byVerb).map(([verb, n]) => `${verb} ${n}`).join(', ') || 'none';
	const writes = Object.keys(requests.byVerb).filter(verb => verb !== 'GET' && verb !== 'POST');
	const outOfSync = evidence.apps.filter(app => app.sync !== 'Synced').length;
	const unhealthy = evidence.apps.filter(app => app.health !== 'Healthy' && app.health !== 'Suspended').length;
	return [
		`# Audit evidence`,
		'',
		`Collected by gitops-tui ${cell(evidence.tool.version)} at ${evidence.time}, read-only (every write refused at the transport).`,
		'',
		`- Apps: ${evidence.apps.length}, ${outOfSync} not Synced, ${unhealthy} not Healthy.`,
		`- Contexts: ${evidence.contexts.length}, ${evidence.contexts.filter(context => !context.reachable).length} unreachable.`,
		`- Journal: ${journalState(evidence)}.`,
		`- Requests this run sent: ${requests.total} (${verbs}); ${writes.length === 0 ? 'no PUT, PATCH or DELETE; the only POSTs are self-reviews' : `**unexpected verbs: ${writes.join(', ')}**`}.`,
	].join('\n');
}

function contexts(evidence: AuditEvidence): string {
	const rows = evidence.contexts.map(context => [
		context.name,
		context.server ?? '-',
		context.reachable ? 'yes' : `no: ${context.error ?? 'unknown error'}`,
		!context.identity ? '-' : 'error' in context.identity ? `unknown: ${context.identity.error}` : `${context.identity.username}${context.identity.source === 'kubeconfig' ? ' (kubeconfig)' : ''}${context.identity.groups.length > 0 ? ` (groups: ${context.identity.groups.join(', ')})` : ''}`,
	]);
	return section('Contexts', table(['context', 'server', 'reachable', 'identity'], rows));
}

function repository(evidence: AuditEvidence): string {
	const {git} = evidence;
	const reachable = git.reachable === undefined ? 'not fetched' : git.reachable ? 'yes' : 'no';
	const body = table(['repo', 'branch', 'head', 'last fetch', 'reachable'], [[git.repo ?? '-', git.branch ?? '-', git.head ?? '-', git.lastFetch ?? '-', reachable]]);
	return section('Repository', git.error ? `${body}\n\nError: ${cell(git.error)}` : body);
}

function apps(evidence: AuditEvidence): string {
	const rows = evidence.apps.map(app => [
		app.name,
		app.engine,
		app.context,
		app.sync,
		// gitops-tui itself deploys plain apps: there is no controller to have a verdict.
		app.engine === 'plain' ? '-' : app.controllerSync,
		app.health,
		short(app.revision.deployed),
		short(app.revision.head),
		app.revision.behind === undefined ? '-' : String(app.revision.behind),
		autoSyncCell(app),
	]);
	const errors = evidence.apps.filter(app => app.error).map(app => `- ${cell(app.name)} on ${cell(app.context)}: ${cell(app.error!)}`);
	const body = evidence.apps.length === 0 ? 'No apps found.' : table(['app', 'engine', 'context', 'sync', 'controller', 'health', 'deployed', 'head', 'behind', 'auto-sync'], rows);
	return section('Apps', errors.length > 0 ? `${body}\n\nCould not be judged:\n\n${errors.join('\n')}` : body);
}

function drift(evidence: AuditEvidence): string {
	const parts = evidence.apps.flatMap(app => {
		const differing = app.resources.filter(resource => resource.verdict !== 'Synced');
		if (differing.length === 0) return [];
		const rows = differing.flatMap(resource => {
			const name = `${resource.group ? `${resource.group}/` : ''}${resource.kind} ${resource.namespace ? `${resource.namespace}/` : ''}${resource.name}`;
			if (resource.fields.length === 0) return [[resource.verdict, name, resource.error ?? '-', '-']];
			return resource.fields.map(field => [resource.verdict, name, field.path, field.manager ?? '-']);
		});
		return [`### ${cell(app.name)} (${app.engine}, ${cell(app.context)})\n\n${table(['verdict', 'resource', 'field', 'manager'], rows)}`];
	});
	return section('Drift', parts.length === 0 ? 'No drift: every resource of every app matches Git.' : parts.join('\n\n'));
}

function pauses(evidence: AuditEvidence): string {
	const paused = evidence.apps.filter(app => app.autoSync.pausedBy || (!app.autoSync.enabled && app.engine !== 'plain'));
	const rows = paused.map(app => [app.name, app.context, app.autoSync.pausedBy ?? '(not by gitops-tui)', app.autoSync.reason ?? '-', app.autoSync.since ?? '-', app.autoSync.until ?? '-']);
	return section('Pauses', rows.length === 0 ? 'Auto-sync is on for every Flux and Argo CD app.' : table(['app', 'context', 'paused by', 'reason', 'since', 'until'], rows));
}

function timeline(evidence: AuditEvidence): string {
	const {journal} = evidence;
	if ('error' in journal) return section('Action timeline', `The journal ${cell(journal.path)} could not be read: ${cell(journal.error)}`);
	const lead = `Journal \`${journal.path.replaceAll('`', "'")}\`: ${journalState(evidence)}. Head hash \`${journal.verification.headHash}\`.`;
	const range = journal.since ? `Entries since ${journal.since}: ${journal.entries.length} of ${journal.totalEntries}.` : `Entries: ${journal.entries.length}.`;
	const rows = journal.entries.map(entry => [
		String(entry.seq),
		entry.time,
		entry.actor,
		entry.context ?? '-',
		entry.app ?? '-',
		entry.action,
		parametersText(entry.parameters),
		`${entry.outcome.status}${entry.outcome.message ? `: ${entry.outcome.message}` : ''}`,
		String(entry.objects.length),
	]);
	const body = rows.length === 0 ? 'No actions in range.' : table(['seq', 'time', 'actor', 'context', 'app', 'action', 'parameters', 'outcome', 'objects'], rows);
	return section('Action timeline', `${lead}\n\n${range}\n\n${body}`);
}

/** `reason=..., until=...` in key order; nested values as JSON. */
function parametersText(parameters: Record<string, unknown>): string {
	const pairs = Object.keys(parameters)
		.sort()
		.map(key => `${key}=${typeof parameters[key] === 'string' ? String(parameters[key]) : JSON.stringify(parameters[key])}`);
	return pairs.length === 0 ? '-' : pairs.join(', ');
}

function requests(evidence: AuditEvidence): string {
	const rows = Object.entries(evidence.requests.byContext).flatMap(([context, verbs]) => Object.entries(verbs).map(([verb, n]) => [context, verb, String(n)]));
	return section('Requests this run sent', rows.length === 0 ? 'None.' : table(['context', 'verb', 'count'], rows));
}

function journalState(evidence: AuditEvidence): string {
	const {journal} = evidence;
	if ('error' in journal) return `unreadable (${cell(journal.error)})`;
	const {verification} = journal;
	if (verification.ok) return `chain intact, ${verification.entries} entries`;
	return `**TAMPERED (${verification.problem.kind})**: ${cell(verification.problem.message)}`;
}

function section(title: string, body: string): string {
	return `## ${title}\n\n${body}`;
}

function table(headers: string[], rows: string[][]): string {
	return [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map(row => `| ${row.map(value => cell(value)).join(' | ')} |`)].join('\n');
}

/** One line of Markdown text: control characters visible, Markdown and HTML punctuation escaped, `|` too. */
export function cell(text: string): string {
	return terminalText(text.replaceAll(/\r?\n/g, ' ')).replaceAll(/[\\`*_[\]<>|#~]/g, '\\$&');
}

function short(sha: string | undefined): string {
	return sha ? sha.slice(0, 12) : '-';
}
