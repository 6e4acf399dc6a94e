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
	/** `git://127.0.0.1:PORT/fleet.git` */
	remoteUrl: string;
	port: number;
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

/** Turns one cluster's part of the Git outage on or off, at a time. */
export type OutageSwitch = (on: boolean, at: Date) => Promise<void>;

/** The time a commit was made, plus some minutes (a controller picks a commit up a little later). */
export function commitTime(world: DemoWorld, name: CommitName, plusMinutes = 0): Date {
	return new Date(world.repo.dates[name].getTime() + plusMinutes * 60_000);
}

/** The ref the objects a write needs. */
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
