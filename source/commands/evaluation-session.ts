/**
 * What `status` and `diff` share: from flags to an evaluation's inputs — the kubeconfig's contexts with a
 * client each, the config repository (a URL cloned into the cache and fetched once, with a timeout; a local
 * path read in place), and the render tools. Failures that make the command pointless (a bad kubeconfig, bad
 * flags) end it with exit 2; a repository that cannot be opened is reported and the rest still runs.
 */
import os from 'node:os';
import path from 'node:path';
import {openContexts, type OpenedContexts} from '../cluster/open-contexts.js';
import {parseRequestTimeout} from '../cluster/request-timeout.js';
import {nodeRuntime} from '../cluster/runtime.js';
import {terminalText} from '../domain/terminal-text.js';
import {limitConcurrency} from '../engines/concurrency.js';
import type {EvaluateOptions, EvaluationContext} from '../engines/evaluate.js';
import {buildIdentity, renderIdentity} from '../engines/render-identity.js';
import {createRenderStore, type RenderStore} from '../engines/render-store.js';
import {createTimerScheduler} from '../repo/fetch.js';
import {createGit} from '../repo/git-runner.js';
import {createFindBinary, createProcessRunner} from '../repo/process-runner.js';
import type {RenderTools} from '../repo/render/index.js';
import {isRepoUrl} from '../repo/repo-open.js';
import {loadGitRepo, type GitRepo} from '../repo/repo.js';
import type {UserSettings} from '../engines/user-settings.js';
import type {CommandInput} from './command.js';
import {contextRequestOf, readOnlyReasonOf, resolveUserSettings} from './user-settings-session.js';

/** What opening the repository gave: the repository, or why there is none. */
export type RepoOpening = {repo: GitRepo} | {repoError: string};

/** Everything an evaluation needs, opened from flags. */
export type EvaluationSession = {
	contexts: EvaluationContext[];
	currentContext?: string;
	kubeconfigContexts: string[];
	repo?: GitRepo;
	repoError?: string;
	/**
	 * With `repoWaitMs`, a repository still opening (a first clone) when the wait ran out: the session goes on
	 * without it (repoError says it is being cloned) and this settles with what the opening gave.
	 */
	repoPending?: Promise<RepoOpening>;
	revision?: string;
	tools: RenderTools;
	/** Renders kept across runs in the user's cache folder (absent with `--no-cache` or GITOPS_TUI_NO_CACHE=1). */
	renderStore?: RenderStore;
	now: () => Date;
	/** The user settings in effect (empty when the file is absent or broken). */
	userSettings: UserSettings;
	/** Every context read-only: --read-only, `audit`, or a user settings file that could not be read as written. */
	readOnly: boolean;
	/** Why a context is read-only (undefined when it is writable): for actions to refuse saying why. */
	readOnlyReason(context: string): string | undefined;
	close(): void;
};

/** How long a one-shot command waits for `git fetch` before going on with the local clone. */
export const fetchTimeoutMs = 15_000;

/** Opens the session; on a fatal problem, writes it to stderr and returns the exit code. */
export async function openEvaluationSession(
	input: CommandInput,
	command: string,
	options: {
		fetchOnOpen?: boolean;
		/** How long to wait for a first clone before going on without it (the TUI shows "cloning…"). */
		repoWaitMs?: number;
		/** Read-only whatever flags and settings say (`audit`). */
		forceReadOnly?: boolean;
		/** Told of every request sent to a cluster (`audit` counts them per verb). */
		onRequestSent?: (request: {context: string; method: string; path: string}) => void;
	} = {},
): Promise<{ok: true; session: EvaluationSession} | {ok: false; code: number}> {
	const {flags, io} = input;
	const fail = (message: string) => {
		io.stderr.write(`gitops-tui ${command}: ${terminalText(message)}\n`);
		return {ok: false as const, code: 2};
	};

	const timeout = parseRequestTimeout(flags['requestTimeout']);
	if (!timeout.ok) return fail(timeout.message);
	const runtime = nodeRuntime(io.env);
	const home = io.env['HOME'] ?? os.homedir();
	const user = await resolveUserSettings({env: io.env, home, readFile: runtime.readFile, flags, ...(options.forceReadOnly ? {forceReadOnly: true} : {})});
	if (user.problem) io.stderr.write(`gitops-tui ${command}: ${user.problem}\n`);
	const now = () => new Date();
	const run = createProcessRunner();
	// Render processes (kustomize, helm) one per core: more only makes each slower.
	const tools: RenderTools = {run: limitConcurrency(run, os.availableParallelism()), findBinary: createFindBinary(io.env), env: io.env};
	const renderStore = renderStoreOf({flags, env: io.env, home, tools, version: io.version ?? 'unknown'});
	const repoFlag = typeof flags['repo'] === 'string' && flags['repo'] !== '' ? flags['repo'] : user.settings.repo;
	let repo: GitRepo | undefined;
	let repoError: string | undefined;
	let repoPending: EvaluationSession['repoPending'];
	let closed = false;
	const startLoading = (source: string): Promise<RepoOpening> =>
		loadGitRepo({
			source,
			cacheDir: cacheDirOf(flags, io.env, home),
			cwd: io.cwd,
			git: createGit({run, env: io.env}),
			now,
			scheduler: createTimerScheduler(),
			fetchTimeoutMs,
		}).then((loaded): RepoOpening => (loaded.ok ? {repo: loaded.repo} : {repoError: `cannot open ${source}: ${loaded.error.message}`}));
	// A local checkout opens (a few git processes) while the kubeconfig is read; a URL, which may mean a first clone
	// over the network, only once the kubeconfig is known to be usable.
	const early = repoFlag && !isRepoUrl(repoFlag) ? startLoading(repoFlag) : undefined;
	const opened = await openContexts(
		{
			...(typeof flags['kubeconfig'] === 'string' ? {explicitFile: flags['kubeconfig']} : {}),
			...(io.env['KUBECONFIG'] === undefined ? {} : {kubeconfigEnv: io.env['KUBECONFIG']}),
			homeDir: home,
			cwd: io.cwd,
		},
		contextRequestOf(flags, user.settings),
		{
			runtime,
			timeoutMs: timeout.ms,
			readOnly: user.readOnly,
			readOnlyContexts: user.settings.readOnlyContexts,
			userAgent: 'gitops-tui',
			...(options.onRequestSent ? {onRequestSent: options.onRequestSent} : {}),
		},
	);
	if (!opened.ok) {
		// A repository that opened meanwhile is stopped (its fetch timers would keep the process alive).
		void early?.then(result => 'repo' in result && result.repo.stop());
		return fail(opened.error.message);
	}

	const loading = early ?? (repoFlag ? startLoading(repoFlag) : undefined);
	if (loading) {
		const waited = options.repoWaitMs === undefined ? await loading : await Promise.race([loading, delay(options.repoWaitMs)]);
		if (waited === undefined) {
			repoError = `cloning ${repoFlag}… (desired state follows once it is cloned)`;
			// A repository that arrives after the session closed is stopped at once.
			repoPending = loading.then(result => {
				if ('repo' in result && closed) result.repo.stop();
				return result;
			});
		} else if ('repo' in waited) {
			repo = waited.repo;
			// A clone is fetched once (a fresh one just was); a local checkout is read in place, as the operator left it.
			// The TUI passes fetchOnOpen false: it must draw at once, and its fetch loop runs in the background.
			if (options.fetchOnOpen !== false && repo.location.kind === 'clone' && !repo.location.clonedAt) await repo.fetchNow();
		} else {
			repoError = waited.repoError;
		}
	}

	return {
		ok: true,
		session: {
			contexts: contextsOf(opened.value),
			...(opened.value.kubeconfig.currentContext ? {currentContext: opened.value.kubeconfig.currentContext.name} : {}),
			kubeconfigContexts: [...opened.value.kubeconfig.contexts.keys()],
			...(repo ? {repo} : {}),
			...(repoError ? {repoError} : {}),
			...(repoPending ? {repoPending} : {}),
			...(typeof flags['revision'] === 'string' && flags['revision'] ? {revision: flags['revision']} : {}),
			tools,
			...(renderStore ? {renderStore} : {}),
			now,
			userSettings: user.settings,
			readOnly: user.readOnly,
			readOnlyReason: context => readOnlyReasonOf(user, context),
			close() {
				closed = true;
				repo?.stop();
				opened.value.close();
			},
		},
	};
}

function delay(ms: number): Promise<undefined> {
	return new Promise(resolve => setTimeout(() => resolve(undefined), ms).unref());
}

/** `--cache-dir`, else `$XDG_CACHE_HOME/gitops-tui`, else `~/.cache/gitops-tui`. */
export function cacheDirOf(flags: Record<string, unknown>, env: NodeJS.ProcessEnv, home: string): string {
	if (typeof flags['cacheDir'] === 'string' && flags['cacheDir']) return flags['cacheDir'];
	const xdg = env['XDG_CACHE_HOME'];
	return xdg ? path.join(xdg, 'gitops-tui') : path.join(home, '.cache', 'gitops-tui');
}

/** The render store under the cache folder, unless `--no-cache` or GITOPS_TUI_NO_CACHE (not empty, not 0) says not. */
function renderStoreOf(options: {flags: Record<string, unknown>; env: NodeJS.ProcessEnv; home: string; tools: RenderTools; version: string}): RenderStore | undefined {
	const {flags, env} = options;
	const off = env['GITOPS_TUI_NO_CACHE'];
	if (flags['cache'] === false || (off !== undefined && off !== '' && off !== '0')) return undefined;
	return createRenderStore({
		dir: path.join(cacheDirOf(flags, env, options.home), 'renders'),
		identity: async () => renderIdentity({build: await buildIdentity(options.version, import.meta.url), tools: options.tools}),
	});
}

function contextsOf(opened: OpenedContexts): EvaluationContext[] {
	const current = opened.kubeconfig.currentContext?.name;
	return opened.contexts.map(({name, client}) => {
		if (!client.ok) return {info: {name, namespace: 'default', current: name === current, reachable: false, error: client.error.message}};
		const {context} = client.value;
		return {info: {name, server: context.cluster.server, namespace: context.namespace, current: context.current, reachable: true}, client: client.value};
	});
}

/** The evaluation inputs a session provides; commands add the mode, a selection or a live view. */
export function evaluationInputs(session: EvaluationSession): Omit<EvaluateOptions, 'mode'> {
	return {
		contexts: session.contexts,
		...(session.currentContext ? {currentContext: session.currentContext} : {}),
		kubeconfigContexts: session.kubeconfigContexts,
		...(session.repo ? {repo: session.repo} : {}),
		...(session.repoError ? {repoError: session.repoError} : {}),
		...(session.revision ? {revision: session.revision} : {}),
		tools: session.tools,
		...(session.renderStore ? {renderStore: session.renderStore} : {}),
	};
}
