/**
 * Controller objects for the engine tests, read from fixtures/scenarios/controllers (YAML written as Flux and
 * Argo CD leave their objects), and the small inputs engines need.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {loadAll} from 'js-yaml';
import type {KubeObject} from '../../source/domain/kube-object.js';
import type {ContextInfo} from '../../source/engines/context-info.js';
import type {DiscoveryInput} from '../../source/engines/engine.js';
import {createRepoMatcher} from '../../source/engines/repo-match.js';
import {emptySettings} from '../../source/engines/settings.js';

/** Every object of a controllers fixture file. */
export function controllerObjects(file: string): KubeObject[] {
	const text = readFileSync(path.resolve(import.meta.dirname, '../../fixtures/scenarios/controllers', file), 'utf8');
	return (loadAll(text) as KubeObject[]).filter(Boolean);
}

/** One object of a fixture by kind and name. */
export function controllerObject(file: string, kind: string, name: string): KubeObject {
	const found = controllerObjects(file).find(object => object.kind === kind && object.metadata.name === name);
	if (!found) throw new Error(`no ${kind} ${name} in ${file}`);
	return found;
}

/** A selected context. */
export function contextInfo(name: string, server: string, more: Partial<ContextInfo> = {}): ContextInfo {
	return {name, server, namespace: 'default', current: false, reachable: true, ...more};
}

/** Discovery input over fixed objects per context; the loaded repository is github.com/example/platform-config. */
export function discoveryInput(objects: Record<string, KubeObject[]>, more: Partial<DiscoveryInput> = {}): DiscoveryInput {
	return {
		contexts: Object.keys(objects).map((name, index) => contextInfo(name, `https://${name}.example.com`, {current: index === 0})),
		objects: (context, kind) => (objects[context] ?? []).filter(object => object.kind === kind.kind && object.apiVersion.startsWith(kind.group)),
		matchesRepo: createRepoMatcher({remoteUrls: ['git@github.com:example/platform-config.git']}),
		settings: emptySettings(),
		...more,
	};
}
