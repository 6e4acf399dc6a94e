/**
 * The demo world behind `gitops-tui --demo`: three sandbox clusters (prod-eu, prod-us, staging) in one
 * kubeconfig, a generated fleet repository with four weeks of history served by `git daemon` on loopback,
 * and Flux, Argo CD and plain apps deployed from it as their controllers would have, with drift by other
 * managers, a missing object, a stuck rollout and a paused app. Then the simulated Flux and Argo CD controllers
 * (../gitops) take over each cluster: they fetch, re-apply, self-heal and compare on short intervals.
 * `simulateOutage` only takes the Git server down (connection refused): the controllers notice on their next
 * fetch. `stop` leaves nothing running.
 */
import {rm, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {createGit} from '../../repo/git-runner.js';
import {createFindBinary, createProcessRunner} from '../../repo/process-runner.js';
import {primeSourceStorage, startGitOps, type GitOps} from '../gitops/index.js';
import {startSandbox, type Sandbox} from '../index.js';
import {demoKubeconfig} from './demo-kubeconfig.js';
import {fleetCommits} from './fleet-history.js';
import {createFleetRepo} from './fleet-repo.js';
import {startGitRemote, type GitRemote} from './git-remote.js';
import {fluxNamespace, fluxSourceName} from './flux-objects.js';
import {createKubeHttp, type KubeHttp} from './kube-http.js';
import {demoContexts, setUpCluster} from './scenario.js';
import {allOrFirstError, type DemoWorld} from './world.js';

export {demoContexts, type DemoContext} from './scenario.js';

/** Options of startDemo. */
export type DemoOptions = {
	/** An empty (or earlier demo's) folder: kubeconfig, repository, remote and rendered trees go here. */
	workDir: string;
	/** The clock: the sandboxes' and the one the history is dated back from. */
	now?: () => Date;
	/** Progress and the git daemon's messages, one line each (never Secret values). */
	log?: (line: string) => void;
	/** The environment git runs with; the process's own by default. */
	env?: NodeJS.ProcessEnv;
};

/** A running demo. */
export type Demo = {
	/** The kubeconfig with the three contexts (admin users; current-context prod-eu). */
	kubeconfigPath: string;
	contexts: string[];
	/** A clone of the fleet repository whose origin is remoteUrl: the repository the TUI opens. */
	repoPath: string;
	/** `git://127.0.0.1:PORT/fleet.git` (`file://...` where git has no daemon). */
	remoteUrl: string;
	/** Takes the Git server down (or back up); the controllers find out on their next fetch. Idempotent; calls are serialised. */
	simulateOutage(on: boolean): Promise<void>;
	/** The simulated Flux and Argo CD controllers of each context, in `contexts` order. */
	controllers: GitOps[];
	/** Whether the Git server is down. */
	readonly outage: boolean;
	/** Stops the sandboxes and the git daemon. Idempotent. */
	stop(): Promise<void>;
};

/** Starts the demo world; on failure, whatever had started is stopped again. */
export async function startDemo(options: DemoOptions): Promise<Demo> {
	const started = Date.now();
	const now = options.now ?? (() => new Date());
	const log = options.log ?? (() => {});
	const env = gitEnvironment(options.env ?? process.env);
	const run = createProcessRunner();
	const git = createGit({run, env});
	const workDir = path.resolve(options.workDir);
	const paths = {
		kubeconfig: path.join(workDir, 'kubeconfig'),
		remote: path.join(workDir, 'remote'),
		repo: path.join(workDir, 'fleet'),
		trees: path.join(workDir, 'trees'),
		controllers: path.join(workDir, 'controllers'),
	};
	// An earlier demo's leftovers go: a kubeconfig written over keeps its old mode, a clone would not be replaced.
	for (const leftover of [paths.kubeconfig, paths.remote, paths.repo, paths.trees, paths.controllers]) await rm(leftover, {recursive: true, force: true});

	const sandboxes: Sandbox[] = [];
	const clients: KubeHttp[] = [];
	const controllers: GitOps[] = [];
	let remote: GitRemote | undefined;
	const release = async () => {
		for (const client of clients) client.close();
		await Promise.all(controllers.map(running => running.stop()));
		await Promise.all([remote?.close(), ...sandboxes.map(sandbox => sandbox.stop())]);
	};

	try {
		const anchor = now();
		const commits = fleetCommits();
		const [served, ...running] = await allOrFirstError([
			// The remote serves the folder before the repository exists: its URL goes into the clone and the objects.
			startGitRemote({dir: paths.remote, env, log}).then(async started => {
				remote = started;
				const repo = await createFleetRepo({git, commits, anchor, remoteDir: paths.remote, repoPath: paths.repo, remoteUrl: started.url});
				return {remote: started, repo};
			}),
			...demoContexts.map(name =>
				startSandbox({name, ...(options.now ? {now: options.now} : {})}).then(sandbox => {
					sandboxes.push(sandbox);
					return sandbox;
				}),
			),
		]);
		const {repo} = served;
		const remoteUrl = served.remote.url;
		const tools = {run, findBinary: createFindBinary(env), env};
		const world: DemoWorld = {repo, commits, remoteUrl, anchor, trees: {git, barePath: repo.barePath, treesDir: paths.trees, tools}};
		await allOrFirstError(
			demoContexts.map((name, index) => {
				const sandbox = running[index]!;
				const admin = sandbox.users[0]!;
				const client = createKubeHttp({url: sandbox.url, token: admin.token, caPem: sandbox.caCertificate, resourceType: (apiVersion, kind) => sandbox.objects.resourceType(apiVersion, kind)});
				clients.push(client);
				return setUpCluster({name, sandbox, client, world, log});
			}),
		);
		const kubeconfig = demoKubeconfig(
			demoContexts.map((name, index) => ({name, url: running[index]!.url, caPem: running[index]!.caCertificate, token: running[index]!.users[0]!.token})),
			demoContexts[0],
		);
		await writeFile(paths.kubeconfig, kubeconfig, {mode: 0o600});
		// The world stands; from now on Flux and Argo CD run it, each cluster with its own controllers and cache.
		for (const [index, name] of demoContexts.entries()) {
			const cacheDir = path.join(paths.controllers, name);
			// source-controller's storage holds the artifacts it fetched before the demo began.
			await primeSourceStorage({git, cacheDir, namespace: fluxNamespace, name: fluxSourceName, url: remoteUrl});
			controllers.push(
				await startGitOps({
					objects: running[index]!.objects,
					cacheDir,
					now,
					git,
					tools,
					argo: {resyncMs: 10_000},
					onError: (error, context) => log(`demo: ${name}: ${context}: ${error instanceof Error ? error.message : String(error)}`),
				}),
			);
		}
		log(`demo: ready in ${Date.now() - started} ms: contexts ${demoContexts.join(', ')}, repository ${paths.repo}, remote ${remoteUrl}`);
		return createHandle({paths, remote: served.remote, controllers, log, release});
	} catch (error) {
		await release();
		throw error;
	}
}

function createHandle(parts: {
	paths: {kubeconfig: string; repo: string};
	remote: GitRemote;
	controllers: GitOps[];
	log: (line: string) => void;
	release: () => Promise<void>;
}): Demo {
	let outage = false;
	let queue: Promise<void> = Promise.resolve();
	let stopping: Promise<void> | undefined;
	const change = async (on: boolean) => {
		if (on === outage || stopping) return;
		if (on) await parts.remote.down();
		else await parts.remote.up();
		outage = on;
		parts.log(on ? `demo: Git outage: ${parts.remote.url} is unreachable` : `demo: Git outage over: ${parts.remote.url} serves again`);
	};
	return {
		kubeconfigPath: parts.paths.kubeconfig,
		contexts: [...demoContexts],
		repoPath: parts.paths.repo,
		remoteUrl: parts.remote.url,
		controllers: parts.controllers,
		get outage() {
			return outage;
		},
		simulateOutage(on) {
			const next = queue.then(() => change(on));
			queue = next.catch(() => {});
			return next;
		},
		stop() {
			stopping ??= queue.then(parts.release);
			return stopping;
		},
	};
}

/**
 * git for the demo's own repository ignores the operator's git configuration and any GIT_DIR-like variables
 * a hook or a parent git process left behind: the history must come out the same everywhere.
 */
function gitEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	const clean: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(env)) if (!key.startsWith('GIT_')) clean[key] = value;
	return {...clean, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null'};
}
