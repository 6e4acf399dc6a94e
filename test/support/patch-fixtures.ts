/**
 * Helpers for the patch tests (test/sandbox/patch): fixture loading and a small stand-in for the
 * sandbox's defaulting, filling what kube-apiserver fills for the fixtures' Deployment and Service.
 */
import {readFileSync} from 'node:fs';
import type {KubeObject} from '../../source/domain/kube-object.js';

/** Reads a JSON fixture from test/sandbox/patch/fixtures. */
export function loadPatchFixture<T = KubeObject>(name: string): T {
	const url = new URL(`../sandbox/patch/fixtures/${name}`, import.meta.url);
	return JSON.parse(readFileSync(url, 'utf8')) as T;
}

type Fields = Record<string, unknown>;

function object(parent: Fields, key: string): Fields {
	if (typeof parent[key] !== 'object' || parent[key] === null) parent[key] = {};
	return parent[key] as Fields;
}

const canonicalQuantities: Record<string, string> = {'1000m': '1', '0.5Gi': '512Mi', '500m': '500m'};

function defaultContainer(container: Fields): void {
	container['imagePullPolicy'] ??= String(container['image']).endsWith(':latest') ? 'Always' : 'IfNotPresent';
	container['terminationMessagePath'] ??= '/dev/termination-log';
	container['terminationMessagePolicy'] ??= 'File';
	const resources = object(container, 'resources');
	for (const kind of ['limits', 'requests']) {
		const quantities = resources[kind] as Record<string, string> | undefined;
		for (const [name, value] of Object.entries(quantities ?? {})) quantities![name] = canonicalQuantities[value] ?? value;
	}
	for (const port of (container['ports'] as Fields[] | undefined) ?? []) port['protocol'] ??= 'TCP';
}

function defaultPodTemplate(template: Fields): void {
	const metadata = object(template, 'metadata');
	if (!('creationTimestamp' in metadata)) metadata['creationTimestamp'] = null;
	const spec = object(template, 'spec');
	spec['restartPolicy'] ??= 'Always';
	spec['terminationGracePeriodSeconds'] ??= 30;
	spec['dnsPolicy'] ??= 'ClusterFirst';
	spec['securityContext'] ??= {};
	spec['schedulerName'] ??= 'default-scheduler';
	for (const container of (spec['containers'] as Fields[] | undefined) ?? []) defaultContainer(container);
}

/** Pure stand-in for server defaulting (Deployment, Service); other kinds pass through unchanged. */
export function standInDefaults(input: KubeObject): KubeObject {
	const result = structuredClone(input);
	if (result.kind === 'Deployment') {
		const spec = object(result as Fields, 'spec');
		spec['replicas'] ??= 1;
		spec['revisionHistoryLimit'] ??= 10;
		spec['progressDeadlineSeconds'] ??= 600;
		const strategy = object(spec, 'strategy');
		strategy['type'] ??= 'RollingUpdate';
		if (strategy['type'] === 'RollingUpdate') {
			const rollingUpdate = object(strategy, 'rollingUpdate');
			rollingUpdate['maxUnavailable'] ??= '25%';
			rollingUpdate['maxSurge'] ??= '25%';
		}
		defaultPodTemplate(object(spec, 'template'));
	}
	if (result.kind === 'Service') {
		const spec = object(result as Fields, 'spec');
		spec['type'] ??= 'ClusterIP';
		spec['sessionAffinity'] ??= 'None';
		spec['clusterIP'] ??= '10.0.0.138';
		spec['clusterIPs'] ??= [spec['clusterIP']];
		for (const port of (spec['ports'] as Fields[] | undefined) ?? []) {
			port['protocol'] ??= 'TCP';
			port['targetPort'] ??= port['port'];
		}
	}
	return result;
}
