/**
 * `evidence.json` of `gitops-tui audit` (`apiVersion: gitops-tui/v1`, `kind: AuditEvidence`): what the fleet looked
 * like (the `status` document's git, contexts and apps, plus who we were on each context), the journal's entries
 * in range with its verification, and the requests this run sent per HTTP verb. Built from values that never
 * hold object bodies, so no Secret value can reach it. Everything is sorted so two bundles diff cleanly.
 */
import type {StatusJsonApp} from '../../domain/app.js';
import type {GitSummary} from '../../engines/git-summary.js';
import type {JournalEntry, JournalVerification} from '../../journal/journal-types.js';
import type {StatusDocument} from './status-document.js';

/** Who the run was on a context: SelfSubjectReview's answer (or the kubeconfig's user), or why it is unknown. */
export type AuditIdentity = {username: string; groups: string[]; source: 'server' | 'kubeconfig'} | {error: string};

export type AuditContext = {name: string; server?: string; reachable: boolean; error?: string; identity?: AuditIdentity};

/** Requests that left the process, counted at the transport. */
export type AuditRequests = {total: number; byVerb: Record<string, number>; byContext: Record<string, Record<string, number>>};

export type AuditJournal =
	| {path: string; since?: string; verification: JournalVerification; totalEntries: number; entries: JournalEntry[]}
	| {path: string; error: string};

export type AuditEvidence = {
	apiVersion: 'gitops-tui/v1';
	kind: 'AuditEvidence';
	tool: {name: 'gitops-tui'; version: string};
	time: string;
	/** Always true: audit refuses every write at the transport, whatever the flags say. */
	readOnly: true;
	git: GitSummary;
	contexts: AuditContext[];
	apps: StatusJsonApp[];
	journal: AuditJournal;
	requests: AuditRequests;
};

export type AuditInputs = {
	version: string;
	time: Date;
	status: StatusDocument;
	servers: Record<string, string | undefined>;
	identities: Record<string, AuditIdentity>;
	journal: AuditJournal;
	requests: AuditRequests;
};

export function auditEvidence(inputs: AuditInputs): AuditEvidence {
	const {status} = inputs;
	return {
		apiVersion: 'gitops-tui/v1',
		kind: 'AuditEvidence',
		tool: {name: 'gitops-tui', version: inputs.version},
		time: inputs.time.toISOString(),
		readOnly: true,
		git: status.git,
		contexts: [...status.contexts].sort(byName).map(context => {
			const server = inputs.servers[context.name];
			const identity = inputs.identities[context.name];
			return {...context, ...(server ? {server} : {}), ...(identity ? {identity} : {})};
		}),
		apps: [...status.apps].sort(byAppAndContext).map(sortedApp),
		journal: inputs.journal,
		requests: sortedRequests(inputs.requests),
	};
}

/** Counts requests per verb and per context as they are sent. */
export function requestCounter(): {count(request: {context: string; method: string}): void; snapshot(): AuditRequests} {
	const byContext: Record<string, Record<string, number>> = {};
	return {
		count({context, method}) {
			const verbs = (byContext[context] ??= {});
			verbs[method] = (verbs[method] ?? 0) + 1;
		},
		snapshot() {
			const byVerb: Record<string, number> = {};
			for (const verbs of Object.values(byContext)) for (const [verb, n] of Object.entries(verbs)) byVerb[verb] = (byVerb[verb] ?? 0) + n;
			return {total: Object.values(byVerb).reduce((sum, n) => sum + n, 0), byVerb, byContext};
		},
	};
}

function sortedRequests(requests: AuditRequests): AuditRequests {
	const sortKeys = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).sort(([a], [b]) => compare(a, b)));
	return {total: requests.total, byVerb: sortKeys(requests.byVerb), byContext: sortKeys(Object.fromEntries(Object.entries(requests.byContext).map(([name, verbs]) => [name, sortKeys(verbs)])))};
}

function sortedApp(app: StatusJsonApp): StatusJsonApp {
	const resources = [...app.resources]
		.sort((a, b) => compare(resourceKey(a), resourceKey(b)))
		.map(resource => ({...resource, fields: [...resource.fields].sort((a, b) => compare(a.path, b.path) || compare(a.manager ?? '', b.manager ?? ''))}));
	return {...app, resources};
}

function resourceKey(resource: StatusJsonApp['resources'][number]): string {
	return [resource.group, resource.kind, resource.namespace, resource.name].join('\u0000');
}

function byName(a: {name: string}, b: {name: string}): number {
	return compare(a.name, b.name);
}

function byAppAndContext(a: StatusJsonApp, b: StatusJsonApp): number {
	return compare(a.name, b.name) || compare(a.context, b.context) || compare(a.engine, b.engine);
}

/** Code-unit order, the same on every machine and locale. */
function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}
