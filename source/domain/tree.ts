import type {AppSync} from './app.js';
import {healthOf} from './health/index.js';
import type {Health, HealthStatus} from './health/health.js';
import type {KubeObject} from './kube-object.js';
import {compareResourceKeys, resourceId, resourceKeyOf, type ResourceKey} from './resource-key.js';
import type {ResourceResult, ResourceVerdict} from './verdict.js';

/** A node of an app tree: a resource of the app (with a verdict) or an owned child (ReplicaSet, Pod, Job...). */
export type TreeNode = {
	id: string;
	key: ResourceKey;
	/** Only resources of the app have one; owned children are not compared with Git. */
	verdict?: ResourceVerdict;
	health?: Health;
	/** Drifted fields not hidden by ignore rules. */
	driftCount: number;
	children: TreeNode[];
};

/** The tree for one app: app → resources → owned children, each level sorted by group, kind, namespace, name. */
export type AppTree = {name: string; sync?: AppSync; health?: HealthStatus; children: TreeNode[]};

/** Inputs of `buildTree`: the app's judged resources and the live objects that may be their children. */
export type TreeInput = {
	name: string;
	sync?: AppSync;
	health?: HealthStatus;
	resources: readonly ResourceResult[];
	/** Live objects to find children among (by ownerReferences uid); the app's own objects may be included. */
	live: readonly KubeObject[];
};

/** Builds the app tree from ownerReferences; cycles and repeated owners are cut, so each object appears once. */
export function buildTree(input: TreeInput): AppTree {
	const childrenByOwner = new Map<string, KubeObject[]>();
	for (const object of input.live) {
		for (const owner of object.metadata?.ownerReferences ?? []) {
			const list = childrenByOwner.get(owner.uid) ?? [];
			list.push(object);
			childrenByOwner.set(owner.uid, list);
		}
	}

	const seen = new Set<string>();
	for (const resource of input.resources) if (resource.live?.metadata.uid) seen.add(resource.live.metadata.uid);
	const childrenOf = (object: KubeObject | undefined): TreeNode[] => {
		const uid = object?.metadata?.uid;
		if (!uid) return [];
		const nodes: TreeNode[] = [];
		for (const child of childrenByOwner.get(uid) ?? []) {
			const childUid = child.metadata.uid;
			if (!childUid || seen.has(childUid)) continue;
			seen.add(childUid);
			const key = resourceKeyOf(child);
			const node: TreeNode = {id: childUid, key, driftCount: 0, children: childrenOf(child)};
			const childHealth = healthOf(child);
			if (childHealth) node.health = childHealth;
			nodes.push(node);
		}

		return sortNodes(nodes);
	};

	const resources = [...input.resources].sort((a, b) => compareResourceKeys(a.key, b.key));
	const children = resources.map(resource => {
		const node: TreeNode = {
			id: resourceId(resource.key),
			key: resource.key,
			verdict: resource.verdict,
			driftCount: resource.fields.filter(field => !field.ignored).length,
			children: childrenOf(resource.live),
		};
		if (resource.health) node.health = resource.health;
		return node;
	});
	const tree: AppTree = {name: input.name, children: sortNodes(children)};
	if (input.sync) tree.sync = input.sync;
	if (input.health) tree.health = input.health;
	return tree;
}

/** Depth-first list of nodes with their depth, for rendering the tree as rows. */
export function flattenTree(nodes: readonly TreeNode[], depth = 0): Array<{node: TreeNode; depth: number}> {
	return nodes.flatMap(node => [{node, depth}, ...flattenTree(node.children, depth + 1)]);
}

function sortNodes(nodes: TreeNode[]): TreeNode[] {
	return nodes.sort((a, b) => compareResourceKeys(a.key, b.key) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
