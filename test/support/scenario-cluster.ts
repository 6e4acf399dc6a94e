/**
 * The end-to-end scenarios' cluster: a sandbox seeded the way the controllers would leave it. Flux's
 * GitRepository and Kustomization and Argo CD's Application are stored with the statuses their controllers
 * write; each app's manifests are applied with real `kubectl apply --server-side` under the controller's field
 * manager, with the marks the controller adds (Flux labels, Argo CD's instance label, our app label). Drift is
 * then made by other managers with kubectl, as a person or an HPA would.
 */
import {execFile} from 'node:child_process';
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {dump, loadAll} from 'js-yaml';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {startSandbox, type Sandbox} from '../../source/sandbox/index.js';
import {createScenarioRepo, writeScenarioFile, type ScenarioRepo} from './scenario-repo.js';
import {waitFor} from './wait-for.js';

/** How each app of the scenario repository is deployed. */
export type ScenarioApp = {
	name: 'web' | 'api' | 'worker';
	engine: 'flux' | 'argo' | 'plain';
	path: string;
	fieldManager: string;
	/** kubectl's `-n` for manifests that name no namespace (Argo CD's destination namespace). */
	namespace?: string;
	labels: Record<string, string>;
	annotations?: Record<string, string>;
	/** The label selector kubectl's `--prune` uses to find the app's objects. */
	pruneSelector: string;
};

export const scenarioApps: readonly ScenarioApp[] = [
	{
		name: 'web',
		engine: 'flux',
		path: 'apps/web',
		fieldManager: 'kustomize-controller',
		labels: {'kustomize.toolkit.fluxcd.io/name': 'web', 'kustomize.toolkit.fluxcd.io/namespace': 'flux-system'},
		pruneSelector: 'kustomize.toolkit.fluxcd.io/name=web,kustomize.toolkit.fluxcd.io/namespace=flux-system',
	},
	{
		name: 'api',
		engine: 'argo',
		path: 'apps/api',
		fieldManager: 'argocd-controller',
		namespace: 'api',
		labels: {'app.kubernetes.io/instance': 'api'},
		pruneSelector: 'app.kubernetes.io/instance=api',
	},
	{
		name: 'worker',
		engine: 'plain',
		path: 'apps/worker',
		fieldManager: 'gitops-tui',
		namespace: 'batch',
		labels: {'gitops-tui.io/app': 'worker'},
		pruneSelector: 'gitops-tui.io/app=worker',
	},
];

/** A process result. */
export type Run = {code: number; stdout: string; stderr: string};

/** A running scenario. */
export type Scenario = {
	sandbox: Sandbox;
	repo: ScenarioRepo;
	kubeconfig: string;
	/** The sha the controllers deployed. */
	deployed: string;
	kubectl(args: string[], input?: string): Promise<Run>;
	/** The app's manifests at the repository's HEAD as its controller applies them (a folder for kubectl). */
	appliedManifests(app: ScenarioApp): string;
	/** Extra inventory entries for the Flux Kustomization (objects Flux applied earlier). */
	setFluxInventory(extra: KubeObject[]): void;
	stop(): Promise<void>;
};

/** Starts a sandbox, creates the repository, seeds controllers and applies every app. */
export async function startScenario(): Promise<Scenario> {
	const repo = await createScenarioRepo();
	const sandbox = await startSandbox({});
	const kubeconfig = writeScenarioFile(repo, 'kubeconfig', sandbox.kubeconfig());
	const deployed = repo.head();
	const kubectl = (args: string[], input?: string) => runProcess('kubectl', args, {...repo.env, KUBECONFIG: kubeconfig}, input);
	let manifestsVersion = 0;
	const appliedManifests = (app: ScenarioApp) => {
		const folder = `applied-${++manifestsVersion}/${app.name}`;
		for (const object of repoObjects(repo, app)) {
			// Our revision mark records what was deployed; applying HEAD would move it, but it is bookkeeping.
			const decorated = decorate(object, app, deployed);
			writeScenarioFile(repo, `${folder}/${decorated.kind}-${decorated.metadata.name}.yaml`, dump(decorated));
		}

		return path.join(repo.root, folder);
	};

	const scenario: Scenario = {
		sandbox,
		repo,
		kubeconfig,
		deployed,
		kubectl,
		appliedManifests,
		setFluxInventory(extra) {
			sandbox.seed([fluxKustomization(repo, deployed, [...repoObjects(repo, scenarioApps[0]!), ...extra])]);
		},
		async stop() {
			await sandbox.stop();
			repo.cleanup();
		},
	};

	sandbox.seed([
		{apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'shop'}},
		{apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'api'}},
		{apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'batch'}},
		gitRepository(repo, deployed),
		fluxKustomization(repo, deployed, repoObjects(repo, scenarioApps[0]!)),
		argoApplication(repo, deployed),
	]);
	for (const app of scenarioApps) {
		const applied = await kubectl(['apply', '--server-side', `--field-manager=${app.fieldManager}`, '-f', appliedManifests(app), ...(app.namespace ? ['-n', app.namespace] : [])]);
		if (applied.code !== 0) throw new Error(`seeding ${app.name}: ${applied.stderr}`);
	}

	await waitForRollouts(sandbox);
	return scenario;
}

/** The app's objects in the repository's work tree, as parsed YAML. */
export function repoObjects(repo: ScenarioRepo, app: ScenarioApp): KubeObject[] {
	const dir = path.join(repo.dir, app.path);
	return readdirSync(dir)
		.filter(file => file.endsWith('.yaml'))
		.sort()
		.flatMap(file => loadAll(readFileSync(path.join(dir, file), 'utf8')) as KubeObject[])
		.filter(Boolean);
}

/** The object as the app's controller applies it. */
function decorate(object: KubeObject, app: ScenarioApp, sha: string): KubeObject {
	const metadata = {...object.metadata, labels: {...object.metadata.labels, ...app.labels}};
	const annotations = {...object.metadata.annotations, ...app.annotations, ...(app.engine === 'plain' ? {'gitops-tui.io/revision': sha} : {})};
	if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
	if (!metadata.namespace && app.namespace) metadata.namespace = app.namespace;
	return {...object, metadata};
}

function gitRepository(repo: ScenarioRepo, sha: string): KubeObject {
	return {
		apiVersion: 'source.toolkit.fluxcd.io/v1',
		kind: 'GitRepository',
		metadata: {name: 'config', namespace: 'flux-system'},
		spec: {url: repo.url, interval: '1m', ref: {branch: 'main'}},
		status: {
			observedGeneration: 1,
			conditions: [{type: 'Ready', status: 'True', reason: 'Succeeded', message: `stored artifact for revision 'main@sha1:${sha}'`, lastTransitionTime: '2026-03-01T10:00:00Z'}],
			artifact: {revision: `main@sha1:${sha}`, path: 'gitrepository/flux-system/config/x.tar.gz', url: 'http://source-controller/x.tar.gz', lastUpdateTime: '2026-03-01T10:00:00Z'},
		},
	};
}

function fluxKustomization(repo: ScenarioRepo, sha: string, inventory: KubeObject[]): KubeObject {
	return {
		apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
		kind: 'Kustomization',
		metadata: {name: 'web', namespace: 'flux-system'},
		spec: {interval: '10m', path: './apps/web', prune: true, sourceRef: {kind: 'GitRepository', name: 'config'}},
		status: {
			observedGeneration: 1,
			lastAppliedRevision: `main@sha1:${sha}`,
			lastAttemptedRevision: `main@sha1:${sha}`,
			conditions: [{type: 'Ready', status: 'True', reason: 'ReconciliationSucceeded', message: `Applied revision: main@sha1:${sha}`, lastTransitionTime: '2026-03-01T10:00:00Z'}],
			inventory: {
				entries: inventory.map(object => {
					const [group, version] = object.apiVersion.includes('/') ? object.apiVersion.split('/') : ['', object.apiVersion];
					return {id: `${object.metadata.namespace ?? ''}_${object.metadata.name}_${group}_${object.kind}`, v: version};
				}),
			},
		},
	};
}

function argoApplication(repo: ScenarioRepo, sha: string): KubeObject {
	return {
		apiVersion: 'argoproj.io/v1alpha1',
		kind: 'Application',
		metadata: {name: 'api', namespace: 'argocd'},
		spec: {
			project: 'default',
			source: {repoURL: `${repo.url.replace(/\.git$/, '')}`, path: 'apps/api', targetRevision: 'HEAD'},
			destination: {server: 'https://kubernetes.default.svc', namespace: 'api'},
			syncPolicy: {automated: {prune: true, selfHeal: true}},
		},
		status: {
			sync: {status: 'Synced', revision: sha},
			health: {status: 'Healthy'},
			operationState: {phase: 'Succeeded', message: 'successfully synced (all tasks run)', syncResult: {revision: sha}},
		},
	};
}

/** Waits until the simulated controllers rolled every Deployment out. */
async function waitForRollouts(sandbox: Sandbox): Promise<void> {
	const type = sandbox.objects.resourceType('apps/v1', 'Deployment')!;
	const done = () =>
		[
			['shop', 'web'],
			['api', 'api'],
			['batch', 'worker'],
		].every(([namespace, name]) => {
			const object = sandbox.objects.get(type, namespace, name!) as {spec?: {replicas?: number}; status?: {availableReplicas?: number; updatedReplicas?: number}} | undefined;
			return object?.status?.availableReplicas === object?.spec?.replicas && object?.status?.updatedReplicas === object?.spec?.replicas;
		});
	await waitFor(done, {timeoutMs: 15_000, describe: () => 'the Deployments to roll out'});
}

/** Runs a process without blocking the event loop (the sandbox answers from this process). */
export function runProcess(command: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<Run> {
	return new Promise(resolve => {
		const child = execFile(command, args, {env, encoding: 'utf8', maxBuffer: 32 * 1024 * 1024, timeout: 60_000}, (error, stdout, stderr) => {
			const code = error ? (typeof error.code === 'number' ? error.code : 2) : 0;
			resolve({code, stdout, stderr});
		});
		if (input !== undefined) child.stdin?.end(input);
	});
}
