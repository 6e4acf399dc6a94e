/**
 * What every cluster's set-up shares: the generated repository and its history, where trees are rendered
 * from, the remote's URL, and the clock the history is dated from.
 */
import type {KubeObject} from '../../domain/kube-object.js';
import type {Sandbox} from '../index.js';
import type {TreeSource} from './deploy.js';
import type {CommitName, FleetCommit} from './fleet-history.js';
import type {FleetRepo} from './fleet-repo.js';
import type {KubeHttp} from './kube-http.js';

/** The demo's shared facts. */
export type DemoWorld = {
	repo: FleetRepo;
	commits: readonly FleetCommit[];
	/** `git://127.0.0.1:PORT/fleet.git` (or `file://` where git has no daemon). */
	remoteUrl: string;
	/** The moment the history is dated back from (the demo's start). */
	anchor: Date;
	trees: TreeSource;
};

/** One cluster being set up. */
export type ClusterSetup = {
	name: string;
	sandbox: Sandbox;
	client: KubeHttp;
	world: DemoWorld;
	log: (line: string) => void;
};

/** The time a commit was made, plus some minutes (a controller picks a commit up a little later). */
export function commitTime(world: DemoWorld, name: CommitName, plusMinutes = 0): Date {
	return new Date(world.repo.dates[name].getTime() + plusMinutes * 60_000);
}

/** What a write to the object names: apiVersion, kind, namespace, name. */
export function refOf(object: KubeObject): {apiVersion: string; kind: string; namespace?: string; name: string} {
	return {apiVersion: object.apiVersion, kind: object.kind, namespace: object.metadata.namespace, name: object.metadata.name ?? ''};
}

/**
 * Waits until a condition on the cluster's store holds, polling every 20 ms; false after the deadline
 * (the demo goes on: a slow machine shows a slightly different, still valid picture).
 */
export async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) return false;
		await new Promise(resolve => setTimeout(resolve, 20));
	}
	return true;
}

/**
 * Waits for every task, then throws the first failure: nothing may still be starting (a sandbox, a request)
 * when a failed start-up releases what was started.
 */
export async function allOrFirstError<T extends readonly unknown[]>(tasks: T): Promise<{-readonly [K in keyof T]: Awaited<T[K]>}> {
	const settled = await Promise.allSettled(tasks);
	const failed = settled.find(result => result.status === 'rejected');
	if (failed) throw (failed as PromiseRejectedResult).reason;
	return settled.map(result => (result as PromiseFulfilledResult<unknown>).value) as {-readonly [K in keyof T]: Awaited<T[K]>};
}
