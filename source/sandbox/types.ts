/**
 * Contracts inside the sandbox: the resource registry, the object store the HTTP layer and the
 * simulated controllers share, and the handle tests get from startSandbox().
 */
import type {KubeObject} from '../domain/kube-object.js';

/** One served resource, as discovery lists it and the router resolves it. */
export type ResourceType = {
	group: string; // '' for core
	version: string;
	resource: string; // plural, e.g. deployments
	singular: string;
	kind: string;
	listKind: string;
	namespaced: boolean;
	verbs: string[];
	shortNames?: string[];
	categories?: string[];
	/** Subresources served: status (PUT/PATCH /status), scale. */
	subresources?: Array<'status' | 'scale'>;
};

/** Who did a write, and how: becomes a managedFields entry. */
export type WriteOptions = {
	manager: string;
	/** Set for writes through a subresource such as status. */
	subresource?: 'status';
	dryRun?: boolean;
};

/** A change the store made, as watchers and the simulated controllers see it. */
export type StoreEvent = {
	type: 'ADDED' | 'MODIFIED' | 'DELETED';
	object: KubeObject;
	resourceType: ResourceType;
	/** The object before a MODIFIED change (controllers use it for predicates such as "generation changed"). */
	previous?: KubeObject;
};

/**
 * The object store's face toward the simulated controllers (and the demo seeding): typed by
 * ResourceType, it defaults, versions and records managedFields exactly as an HTTP write would.
 */
export type SandboxObjects = {
	resourceType(apiVersion: string, kind: string): ResourceType | undefined;
	get(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined;
	list(type: ResourceType, namespace?: string): KubeObject[];
	create(type: ResourceType, object: KubeObject, options: WriteOptions): KubeObject;
	/** Full replace (PUT); with subresource 'status', only .status is taken from the object. */
	update(type: ResourceType, object: KubeObject, options: WriteOptions): KubeObject;
	delete(type: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined;
	/**
	 * Server-side apply (as `PATCH` with `application/apply-patch+yaml`): a namespaced object needs its
	 * namespace; a conflict or an invalid object is an error value with the apiserver's message.
	 */
	apply(type: ResourceType, object: KubeObject, options: {manager: string; force: boolean; dryRun?: boolean}): {ok: true; object: KubeObject} | {ok: false; status: number; message: string};
	/** Subscribe to every committed change; returns the unsubscribe function. */
	subscribe(listener: (event: StoreEvent) => void): () => void;
};

/** One request as the sandbox saw it: later tests prove read-only mode sent no write. */
export type RequestLogEntry = {
	time: string;
	method: string;
	path: string;
	query: Record<string, string>;
	user: string | undefined;
	status: number;
};

/** A user the sandbox authenticates by bearer token, and what it may do. */
export type SandboxUser = {
	name: string;
	token: string;
	groups: string[];
	/** Verbs allowed on every resource; a viewer gets get, list, watch. */
	verbs: string[];
	/** Exceptions to `verbs`, as `verb resource` (`list configmaps`): a Role that leaves one resource out. */
	denied?: readonly string[];
};
