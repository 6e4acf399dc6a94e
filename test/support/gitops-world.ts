/**
 * A sandbox with the simulated Flux and Argo CD controllers on a manual clock, a real Git remote in a
 * temporary folder (a work tree pushed to a bare repository served as `file://`), and client-node clients:
 * tests write objects over HTTPS as a person or the CLI would, move time, and `settle()` the controllers.
 */
import {mkdirSync} from 'node:fs';
import path from 'node:path';
import {AppsV1Api, CoreV1Api, CustomObjectsApi, KubeConfig} from '@kubernetes/client-node';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {startGitOps, type GitOps, type GitOpsOptions} from '../../source/sandbox/gitops/index.js';
import {createManualClock, type ManualClock} from './sandbox-controllers-helpers.js';
import {commitFiles, gitSync, initRepo, makeRepoTempDir, repoTestEnv} from './repo-helpers.js';

/** The custom resources' API coordinates. */
export const crds = {
	gitRepository: {group: 'source.toolkit.fluxcd.io', version: 'v1', plural: 'gitrepositories'},
	kustomization: {group: 'kustomize.toolkit.fluxcd.io', version: 'v1', plural: 'kustomizations'},
	application: {group: 'argoproj.io', version: 'v1alpha1', plural: 'applications'},
} as const;

export type GitOpsWorld = {
	sandbox: Sandbox;
	gitops: GitOps;
	clock: ManualClock;
	/** `file://` URL of the bare remote. */
	url: string;
	/** The work tree commits are made in (its origin is `url`): the repository gitops-tui opens. */
	workTree: string;
	/** Folder removed by stop(), for kubeconfigs and caches. */
	dir: string;
	/** Runs git in the work tree with the test environment. */
	env: NodeJS.ProcessEnv;
	/** Commits files to main and pushes; returns the sha. */
	commit(files: Record<string, string | null>, message: string): string;
	custom: CustomObjectsApi;
	apps: AppsV1Api;
	core: CoreV1Api;
	/** Reads a custom object. */
	read(crd: (typeof crds)[keyof typeof crds], namespace: string, name: string): Promise<KubeObject>;
	/** Creates a custom object over HTTPS. */
	create(crd: (typeof crds)[keyof typeof crds], object: KubeObject): Promise<KubeObject>;
	/** Read, change, replace (PUT) a custom object, as kubectl edit does. */
	edit(crd: (typeof crds)[keyof typeof crds], namespace: string, name: string, change: (object: KubeObject) => void): Promise<KubeObject>;
	/** Moves the manual clock and lets the controllers finish what came due. */
	advance(ms: number): Promise<void>;
	stop(): Promise<void>;
};

/** Starts the world; `files` is the first commit. */
export async function startGitOpsWorld(options: {files: Record<string, string>; simulate?: boolean; gitops?: Partial<GitOpsOptions>}): Promise<GitOpsWorld> {
	const temp = makeRepoTempDir('gitops-tui-gitops-');
	const env = repoTestEnv(temp.dir);
	const work = path.join(temp.dir, 'work');
	const bare = path.join(temp.dir, 'remote.git');
	initRepo(bare, env, {bare: true});
	initRepo(work, env);
	gitSync(work, env, ['remote', 'add', 'origin', `file://${bare}`]);
	let minute = 0;
	const commit = (files: Record<string, string | null>, message: string) => {
		const sha = commitFiles(work, env, files, {message, date: `2026-11-22T09:${String(minute++).padStart(2, '0')}:00Z`});
		gitSync(work, env, ['push', '--quiet', 'origin', 'HEAD:main']);
		return sha;
	};
	commit(options.files, 'first');
	const clock = createManualClock();
	const sandbox = await startSandbox({simulate: options.simulate ?? false, now: clock.now});
	const cacheDir = path.join(temp.dir, 'cache');
	mkdirSync(cacheDir);
	const gitops = await startGitOps({objects: sandbox.objects, cacheDir, now: clock.now, scheduler: clock.scheduler, ...options.gitops});
	const config = new KubeConfig();
	config.loadFromString(sandbox.kubeconfig());
	const custom = config.makeApiClient(CustomObjectsApi);
	const read: GitOpsWorld['read'] = async (crd, namespace, name) => (await custom.getNamespacedCustomObject({...crd, namespace, name})) as KubeObject;
	return {
		sandbox,
		gitops,
		clock,
		url: `file://${bare}`,
		workTree: work,
		dir: temp.dir,
		env,
		commit,
		custom,
		apps: config.makeApiClient(AppsV1Api),
		core: config.makeApiClient(CoreV1Api),
		read,
		create: async (crd, object) => (await custom.createNamespacedCustomObject({...crd, namespace: object.metadata.namespace ?? 'default', body: object})) as KubeObject,
		async edit(crd, namespace, name, change) {
			const object = await read(crd, namespace, name);
			change(object);
			return (await custom.replaceNamespacedCustomObject({...crd, namespace, name, body: object})) as KubeObject;
		},
		async advance(ms) {
			await gitops.settle();
			clock.advance(ms);
			await gitops.settle();
		},
		async stop() {
			await gitops.stop();
			await sandbox.stop();
			temp.cleanup();
		},
	};
}

/** A condition of a Flux or Argo CD object's status. */
export function condition(object: KubeObject, type: string): {status: string; reason?: string; message?: string} | undefined {
	const conditions = ((object['status'] as {conditions?: Array<{type: string; status: string; reason?: string; message?: string}>} | undefined)?.conditions ?? []);
	return conditions.find(entry => entry.type === type);
}
