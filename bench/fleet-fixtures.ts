/**
 * The fleet benchmark's world: `apps` plain apps of `perApp` objects each (90 % ConfigMaps, 10 % Services), spread
 * over three contexts, written to a Git repository (.gitops-tui.yaml names every app) and the same objects live as
 * gitops-tui would have applied them (its app label and revision annotation). Every 20th app has one ConfigMap
 * edited live (its drift is the benchmark's truth check: exactly those apps are OutOfSync).
 */
import {execFileSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {dump} from 'js-yaml';
import type {KubeObject} from '../source/domain/kube-object.js';

export const contexts = ['bench-0', 'bench-1', 'bench-2'];

export type FleetApp = {name: string; context: string; namespace: string; objects: KubeObject[]; drifted: boolean};

export function fleetApps(apps: number, perApp: number): FleetApp[] {
	return Array.from({length: apps}, (_, i) => {
		const name = `app-${i}`;
		const namespace = `team-${i % 20}`;
		const objects: KubeObject[] = Array.from({length: perApp}, (_, j) =>
			j % 10 === 9
				? {apiVersion: 'v1', kind: 'Service', metadata: {name: `${name}-svc-${j}`, namespace, labels: {tier: 'backend'}}, spec: {selector: {app: name}, ports: [{name: 'http', port: 80, targetPort: 8080}]}}
				: {apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: `${name}-cm-${j}`, namespace, labels: {tier: 'backend'}}, data: {LOG_LEVEL: 'info', UPSTREAM_URL: `http://${name}.${namespace}.svc:8080`, TIMEOUT_SECONDS: '30'}},
		);
		return {name, context: contexts[i % contexts.length]!, namespace, objects, drifted: i % 20 === 7};
	});
}

/** Writes and commits the repository; returns HEAD's sha. */
export function writeFleetRepo(dir: string, apps: readonly FleetApp[]): string {
	mkdirSync(dir, {recursive: true});
	const git = (...args: string[]) => execFileSync('git', args, {cwd: dir, encoding: 'utf8', env: {...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.com'}}).trim();
	git('init', '--quiet', '--initial-branch=main');
	for (const app of apps) {
		mkdirSync(path.join(dir, 'apps', app.name), {recursive: true});
		writeFileSync(path.join(dir, 'apps', app.name, 'objects.yaml'), app.objects.map(object => dump(object)).join('---\n'));
	}
	writeFileSync(path.join(dir, '.gitops-tui.yaml'), dump({apps: apps.map(app => ({name: app.name, path: `apps/${app.name}`, context: app.context, namespace: app.namespace}))}));
	git('add', '--all');
	git('commit', '--quiet', '-m', `${apps.length} plain apps`);
	return git('rev-parse', 'HEAD');
}

/** The live objects of one context: as applied at `sha`, with the drift of the drifted apps. */
export function liveObjects(apps: readonly FleetApp[], context: string, sha: string): KubeObject[] {
	return apps
		.filter(app => app.context === context)
		.flatMap(app =>
			app.objects.map((object, j) => {
				const metadata = {...object.metadata, labels: {...object.metadata?.labels, 'gitops-tui.io/app': app.name}, annotations: {'gitops-tui.io/revision': sha}};
				const drift = app.drifted && j === 0 ? {data: {...(object['data'] as Record<string, string>), LOG_LEVEL: 'debug'}} : {};
				return {...object, metadata, ...drift} as KubeObject;
			}),
		);
}
