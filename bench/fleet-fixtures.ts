/**
 * The fleet benchmark's world: `apps` apps of `perApp` objects each (90 % ConfigMaps, 10 % Services) over three
 * contexts, in four kinds: plain apps (.gitops-tui.yaml), plain apps whose path is a kustomization (rendered by
 * kustomize), Flux Kustomizations (with their GitRepository) and Argo CD Applications, each pointing at its path in
 * one Git repository. The live objects are what each deployer leaves: our app label and revision annotation, Flux's
 * name labels and inventory, Argo CD's tracking annotation and resource list, with the controllers' verdicts.
 *
 * Every 20th app is perturbed, in turn: one ConfigMap edited live (Drifted), one desired ConfigMap deleted
 * (Missing), one ConfigMap left over with the app's marks (Extra). The benchmark checks that exactly those apps are
 * OutOfSync with exactly that resource, and that every app still reports its deployed revision.
 */
import {execFileSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {dump} from 'js-yaml';
import type {KubeObject} from '../source/domain/kube-object.js';

export const contexts = ['bench-0', 'bench-1', 'bench-2'];

export type FleetEngine = 'plain' | 'kustomize' | 'flux' | 'argo';
export type Perturbation = 'drifted' | 'missing' | 'extra';

export type FleetApp = {
	name: string;
	engine: FleetEngine;
	context: string;
	namespace: string;
	/** As rendered from Git (kustomize apps: with the label their kustomization adds). */
	objects: KubeObject[];
	perturbation?: Perturbation;
};

/** The label every kustomize app's kustomization adds to its objects. */
const kustomizeLabel = {'bench.gitops-tui.io/rendered-by': 'kustomize'};

/**
 * The fleet: 5 % kustomize apps (every 20th: each is a kustomize process, the costliest render), the rest plain,
 * Flux and Argo CD in turn, each engine on every context. About 6 % are perturbed (every 20th app, and every 5th kustomize app), the three
 * perturbations in an order that gives every engine each of them.
 */
export function fleetApps(apps: number, perApp: number): FleetApp[] {
	const types = ['drifted', 'missing', 'extra'] as const;
	let perturbed = 0;
	return Array.from({length: apps}, (_, i) => {
		const name = `app-${i}`;
		const namespace = `team-${i % 20}`;
		const engine: FleetEngine = i % 20 === 3 ? 'kustomize' : (['plain', 'flux', 'argo'] as const)[i % 3]!;
		const labels = {tier: 'backend', ...(engine === 'kustomize' ? kustomizeLabel : {})};
		const objects: KubeObject[] = Array.from({length: perApp}, (_, j) =>
			j % 10 === 9
				? {apiVersion: 'v1', kind: 'Service', metadata: {name: `${name}-svc-${j}`, namespace, labels}, spec: {selector: {app: name}, ports: [{name: 'http', port: 80, targetPort: 8080}]}}
				: {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: `${name}-cm-${j}`, namespace, labels}, data: {LOG_LEVEL: 'info', UPSTREAM_URL: `http://${name}.${namespace}.svc:8080`, TIMEOUT_SECONDS: '30'}},
		);
		let perturbation: Perturbation | undefined;
		if (i % 20 === 7 || i % 100 === 3) {
			const k = perturbed++;
			perturbation = types[(k + 1 + Math.floor(k / 3)) % 3];
		}
		return {name, engine, context: contexts[(i + Math.floor(i / 3)) % contexts.length]!, namespace, objects, ...(perturbation ? {perturbation} : {})};
	});
}

/** Writes and commits the repository; returns HEAD's sha. */
export function writeFleetRepo(dir: string, apps: readonly FleetApp[]): string {
	mkdirSync(dir, {recursive: true});
	const git = (...args: string[]) => execFileSync('git', args, {cwd: dir, encoding: 'utf8', env: {...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.com'}}).trim();
	git('init', '--quiet', '--initial-branch=main');
	for (const app of apps) {
		const folder = path.join(dir, 'apps', app.name);
		mkdirSync(folder, {recursive: true});
		const inGit = app.engine === 'kustomize' ? app.objects.map(object => withoutLabels(object, kustomizeLabel)) : app.objects;
		writeFileSync(path.join(folder, 'objects.yaml'), inGit.map(object => dump(object)).join('---\n'));
		if (app.engine === 'kustomize') writeFileSync(path.join(folder, 'kustomization.yaml'), dump({apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: ['objects.yaml'], labels: [{pairs: kustomizeLabel}]}));
	}
	const plain = apps.filter(app => app.engine === 'plain' || app.engine === 'kustomize');
	writeFileSync(path.join(dir, '.gitops-tui.yaml'), dump({apps: plain.map(app => ({name: app.name, path: `apps/${app.name}`, context: app.context, namespace: app.namespace}))}));
	git('add', '--all');
	git('commit', '--quiet', '-m', `${apps.length} apps`);
	return git('rev-parse', 'HEAD');
}

/** Every object of one context: the apps' live objects as deployed at `sha` (perturbed), and the Flux and Argo CD objects. */
export function liveObjects(apps: readonly FleetApp[], context: string, sha: string, repo: string): KubeObject[] {
	const here = apps.filter(app => app.context === context);
	const url = `file://${repo}`;
	const gitRepository = {
		apiVersion: 'source.toolkit.fluxcd.io/v1',
		kind: 'GitRepository',
		metadata: {name: 'fleet', namespace: 'flux-system'},
		spec: {url, interval: '1m', ref: {branch: 'main'}},
		status: {conditions: [condition('Ready', `stored artifact for revision 'main@sha1:${sha}'`)], artifact: {revision: `main@sha1:${sha}`}},
	};
	return [gitRepository, ...here.flatMap(app => [...appObjects(app, sha), ...controllerObject(app, sha, url)])];
}

/** The app's live objects: its desired ones with its deployer's marks, perturbed as the app says. */
function appObjects(app: FleetApp, sha: string): KubeObject[] {
	const live = app.objects.map((object, j) => {
		const marked = withMarks(app, object, sha);
		return app.perturbation === 'drifted' && j === 0 ? {...marked, data: {...(object['data'] as Record<string, string>), LOG_LEVEL: 'debug'}} : marked;
	});
	if (app.perturbation === 'missing') return live.slice(1);
	if (app.perturbation === 'extra') return [...live, withMarks(app, extraObject(app), app.engine === 'plain' || app.engine === 'kustomize' ? undefined : sha)];
	return live;
}

/** The ConfigMap a perturbed app has live but not in Git: made by hand with the app's marks, or left over. */
export function extraObject(app: FleetApp): KubeObject {
	return {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: `${app.name}-left-over`, namespace: app.namespace, labels: {tier: 'backend'}}, data: {LOG_LEVEL: 'info'}};
}

/** The app's desired objects as its deployer applies them at `sha` (its marks added): what `kubectl diff` is given. */
export function appliedObjects(app: FleetApp, sha: string): KubeObject[] {
	return app.objects.map(object => withMarks(app, object, sha));
}

/** An object as the app's deployer applied it (`sha` undefined: made by hand with only the ownership mark). */
function withMarks(app: FleetApp, object: KubeObject, sha: string | undefined): KubeObject {
	const metadata = {...object.metadata, labels: {...object.metadata.labels}, annotations: {...object.metadata.annotations}};
	if (app.engine === 'plain' || app.engine === 'kustomize') {
		metadata.labels['gitops-tui.io/app'] = app.name;
		if (sha) metadata.annotations['gitops-tui.io/revision'] = sha;
	} else if (app.engine === 'flux') {
		metadata.labels['kustomize.toolkit.fluxcd.io/name'] = app.name;
		metadata.labels['kustomize.toolkit.fluxcd.io/namespace'] = 'flux-system';
	} else {
		metadata.annotations['argocd.argoproj.io/tracking-id'] = `${app.name}:/${object.kind}:${object.metadata.namespace}/${object.metadata.name}`;
	}
	if (Object.keys(metadata.annotations).length === 0) delete (metadata as {annotations?: unknown}).annotations;
	return {...object, metadata};
}

/** The Flux Kustomization or Argo CD Application of an app, as its controller reports it at `sha`. */
function controllerObject(app: FleetApp, sha: string, url: string): KubeObject[] {
	const inCluster = app.objects.filter((_, j) => app.perturbation !== 'missing' || j !== 0);
	const tracked = app.perturbation === 'extra' ? [...app.objects, extraObject(app)] : app.objects;
	const outOfSync = app.perturbation !== undefined;
	if (app.engine === 'flux') {
		return [
			{
				apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
				kind: 'Kustomization',
				metadata: {name: app.name, namespace: 'flux-system'},
				spec: {interval: '10m', path: `./apps/${app.name}`, prune: true, sourceRef: {kind: 'GitRepository', name: 'fleet'}},
				status: {
					conditions: [condition('Ready', `Applied revision: main@sha1:${sha}`)],
					lastAppliedRevision: `main@sha1:${sha}`,
					lastAttemptedRevision: `main@sha1:${sha}`,
					inventory: {entries: tracked.map(object => ({id: `${object.metadata.namespace}_${object.metadata.name}__${object.kind}`, v: 'v1'}))},
				},
			},
		];
	}
	if (app.engine === 'argo') {
		return [
			{
				apiVersion: 'argoproj.io/v1alpha1',
				kind: 'Application',
				metadata: {name: app.name, namespace: 'argocd'},
				spec: {project: 'default', source: {repoURL: url, path: `apps/${app.name}`, targetRevision: 'main'}, destination: {server: 'https://kubernetes.default.svc', namespace: app.namespace}},
				status: {
					sync: {status: outOfSync ? 'OutOfSync' : 'Synced', revision: sha},
					health: {status: app.perturbation === 'missing' ? 'Missing' : 'Healthy'},
					resources: tracked.map(object => ({
						version: 'v1',
						kind: object.kind,
						namespace: object.metadata.namespace,
						name: object.metadata.name,
						status: inCluster.includes(object) && !(app.perturbation === 'drifted' && object === app.objects[0]) && object !== tracked[app.objects.length] ? 'Synced' : 'OutOfSync',
						...(object === tracked[app.objects.length] ? {requiresPruning: true} : {}),
					})),
				},
			},
		];
	}
	return [];
}

function condition(type: string, message: string) {
	return {type, status: 'True', reason: 'ReconciliationSucceeded', message, lastTransitionTime: '2026-12-01T10:00:00Z'};
}

function withoutLabels(object: KubeObject, drop: Record<string, string>): KubeObject {
	const labels = Object.fromEntries(Object.entries(object.metadata.labels ?? {}).filter(([key]) => !(key in drop)));
	return {...object, metadata: {...object.metadata, labels}};
}
