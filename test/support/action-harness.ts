/**
 * Actions against the end-to-end scenario: a sandbox seeded as the controllers leave it (Flux web, Argo CD api,
 * plain worker), the scenario repository opened through a recording git (so tests can prove no network call),
 * clients for the admin and the viewer contexts, an in-memory journal, and a runner over all of it.
 */
import path from 'node:path';
import type {ContextClient} from '../../source/cluster/context-client.js';
import {createActionRunner, type ActionDeps, type ActionRunner} from '../../source/actions/index.js';
import type {ActionEvent, ActionRequest, ActionResult, ActionTarget, Confirmation} from '../../source/domain/action.js';
import type {KubeObject} from '../../source/domain/kube-object.js';
import type {EvaluationContext} from '../../source/engines/evaluate.js';
import {createFindBinary, createProcessRunner} from '../../source/repo/process-runner.js';
import {loadGitRepo, type GitRepo} from '../../source/repo/repo.js';
import type {RequestLogEntry} from '../../source/sandbox/index.js';
import {openTestClients} from './cluster-sandbox.js';
import {memoryJournal} from './memory-journal.js';
import {manualScheduler, recordingGit} from './repo-helpers.js';
import {startScenario, type Scenario} from './scenario-cluster.js';

/** A running harness. */
export type ActionHarness = {
	scenario: Scenario;
	repo: GitRepo;
	journal: ReturnType<typeof memoryJournal>;
	/** The git subcommands run so far (`rev-parse`, `log`, `fetch`...). */
	gitVerbs(): string[];
	clients: {admin: ContextClient; viewer: ContextClient};
	/** A runner as the given context's user, with these settings. */
	runner(options?: {viewer?: boolean; settings?: Partial<ActionDeps['settings']>}): ActionRunner;
	/** Runs a request, collecting every event. */
	run(request: ActionRequest, options?: {viewer?: boolean; settings?: Partial<ActionDeps['settings']>; confirm?: Confirmation; dryRun?: boolean; force?: boolean}): Promise<{result: ActionResult; events: ActionEvent[]}>;
	/** The object as the sandbox stores it. */
	stored(apiVersion: string, kind: string, namespace: string, name: string): KubeObject | undefined;
	/** Requests that could change something (not GET, not the self-reviews, not dry-runs). */
	writes(): RequestLogEntry[];
	stop(): Promise<void>;
};

/** Yes, typing the context name (enough for protected contexts too). */
export const confirmTyping: Confirmation = async request => ({confirmed: true, typed: request.context});

/** The scenario's apps as targets on `context`. */
export function target(app: 'web' | 'api' | 'worker', context = 'sandbox'): ActionTarget {
	if (app === 'web') return {app, engine: 'flux', context, namespace: 'flux-system'};
	if (app === 'api') return {app, engine: 'argo', context, namespace: 'argocd'};
	return {app, engine: 'plain', context, namespace: 'batch'};
}

/** Starts the scenario and the harness. */
export async function startActionHarness(): Promise<ActionHarness> {
	const scenario = await startScenario();
	const connection = await openTestClients(scenario.sandbox.kubeconfig(), ['sandbox', 'sandbox-viewer']);
	const [admin, viewer] = connection.clients as [ContextClient, ContextClient];
	const recorded = recordingGit(scenario.repo.env);
	const loaded = await loadGitRepo({source: scenario.repo.dir, cacheDir: path.join(scenario.repo.root, 'cache'), cwd: scenario.repo.root, git: recorded.git, now: () => new Date(), scheduler: manualScheduler().scheduler});
	if (!loaded.ok) throw new Error(loaded.error.message);
	const repo = loaded.repo;
	const journal = memoryJournal();
	const env = scenario.repo.env;
	const tools = {run: createProcessRunner(), findBinary: createFindBinary(env), env};
	const runner = (options: {viewer?: boolean; settings?: Partial<ActionDeps['settings']>} = {}) => {
		const client = options.viewer ? viewer : admin;
		const contexts: EvaluationContext[] = [{info: {name: client.name, server: client.context.cluster.server, namespace: 'default', current: true, reachable: true}, client}];
		return createActionRunner({contexts, currentContext: client.name, kubeconfigContexts: ['sandbox', 'sandbox-viewer'], repo, tools, journal, now: () => new Date(), settings: {readOnly: false, ...options.settings}, pollIntervalMs: 100});
	};
	return {
		scenario,
		repo,
		journal,
		gitVerbs: recorded.verbs,
		clients: {admin, viewer},
		runner,
		async run(request, options = {}) {
			const events: ActionEvent[] = [];
			const result = await runner(options).run(request, {confirm: options.confirm ?? confirmTyping, onEvent: event => events.push(event), ...(options.dryRun ? {dryRun: true} : {}), ...(options.force ? {force: true} : {})});
			return {result, events};
		},
		stored: (apiVersion, kind, namespace, name) => scenario.sandbox.objects.get(scenario.sandbox.objects.resourceType(apiVersion, kind)!, namespace, name) as KubeObject | undefined,
		writes: () =>
			scenario.sandbox
				.requests()
				.filter(entry => entry.method !== 'GET' && !/selfsubject(access)?reviews/.test(entry.path) && entry.query['dryRun'] !== 'All'),
		async stop() {
			repo.stop();
			await connection.close();
			await scenario.stop();
		},
	};
}
