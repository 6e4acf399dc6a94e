/**
 * The resource types the sandbox serves, named exactly as a real v1.32 apiserver lists them in
 * discovery (built-ins) and as the Flux and Argo CD CRDs define them (custom resources).
 */
import type {ResourceType} from './types.js';

/** How the type behaves in the store, beyond what discovery shows. */
type Behaviour = {
	/** metadata.generation is kept (workloads, ingresses and every custom resource). */
	generation?: boolean;
	/** Served from a CRD: list items carry kind and apiVersion, strategic merge patch is refused. */
	custom?: boolean;
	/** Create-only review types (SelfSubjectAccessReview...): nothing is stored. */
	virtual?: boolean;
	/** DELETE answers with the deleted object rather than a Success Status (pods, services, custom resources...). */
	deleteReturnsObject?: boolean;
	/** additionalPrinterColumns for custom resources, as `kubectl get` shows them. */
	printerColumns?: PrinterColumn[];
};

/** A CRD additionalPrinterColumn. */
export type PrinterColumn = {name: string; type: string; jsonPath: string; priority?: number; description?: string};

/** Built-in verbs in the order real discovery lists them. */
const builtinVerbs = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
/** Custom resources list their verbs in a different order, as the apiextensions server does. */
const customVerbs = ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'];

const readyColumns: PrinterColumn[] = [
	{name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp'},
	{name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status'},
	{name: 'Status', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].message'},
];

type Entry = [ResourceType, Behaviour];

function builtin(group: string, version: string, resource: string, kind: string, rest: Partial<ResourceType> = {}, behaviour: Behaviour = {}): Entry {
	const type: ResourceType = {
		group,
		version,
		resource,
		singular: kind.toLowerCase(),
		kind,
		listKind: `${kind}List`,
		namespaced: true,
		verbs: builtinVerbs,
		...rest,
	};
	return [type, behaviour];
}

function custom(group: string, version: string, resource: string, singular: string, kind: string, rest: Partial<ResourceType>, columns: PrinterColumn[]): Entry {
	return [
		{group, version, resource, singular, kind, listKind: `${kind}List`, namespaced: true, verbs: customVerbs, ...rest},
		{generation: true, custom: true, deleteReturnsObject: true, printerColumns: columns},
	];
}

const workload = {generation: true};
const returnsObject = {deleteReturnsObject: true};

const entries: Entry[] = [
	builtin('', 'v1', 'namespaces', 'Namespace', {namespaced: false, verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], shortNames: ['ns'], subresources: ['status']}, returnsObject),
	builtin('', 'v1', 'configmaps', 'ConfigMap', {shortNames: ['cm']}),
	builtin('', 'v1', 'secrets', 'Secret'),
	builtin('', 'v1', 'services', 'Service', {shortNames: ['svc'], categories: ['all'], subresources: ['status']}, returnsObject),
	builtin('', 'v1', 'serviceaccounts', 'ServiceAccount', {shortNames: ['sa']}, returnsObject),
	builtin('', 'v1', 'pods', 'Pod', {shortNames: ['po'], categories: ['all'], subresources: ['status']}, returnsObject),
	builtin('', 'v1', 'events', 'Event', {shortNames: ['ev']}),
	builtin('apps', 'v1', 'deployments', 'Deployment', {shortNames: ['deploy'], categories: ['all'], subresources: ['status', 'scale']}, workload),
	builtin('apps', 'v1', 'replicasets', 'ReplicaSet', {shortNames: ['rs'], categories: ['all'], subresources: ['status', 'scale']}, workload),
	builtin('apps', 'v1', 'statefulsets', 'StatefulSet', {shortNames: ['sts'], categories: ['all'], subresources: ['status', 'scale']}, workload),
	builtin('apps', 'v1', 'daemonsets', 'DaemonSet', {shortNames: ['ds'], categories: ['all'], subresources: ['status']}, workload),
	builtin('batch', 'v1', 'jobs', 'Job', {categories: ['all'], subresources: ['status']}, workload),
	builtin('batch', 'v1', 'cronjobs', 'CronJob', {shortNames: ['cj'], categories: ['all'], subresources: ['status']}, workload),
	builtin('networking.k8s.io', 'v1', 'ingresses', 'Ingress', {shortNames: ['ing'], subresources: ['status']}, workload),
	builtin('autoscaling', 'v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler', {shortNames: ['hpa'], categories: ['all'], subresources: ['status']}),
	builtin('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', {namespaced: false}),
	builtin('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', {namespaced: false}),
	builtin('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding'),
	builtin('rbac.authorization.k8s.io', 'v1', 'roles', 'Role'),
	builtin('authorization.k8s.io', 'v1', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', {namespaced: false, verbs: ['create']}, {virtual: true}),
	builtin('authentication.k8s.io', 'v1', 'selfsubjectreviews', 'SelfSubjectReview', {namespaced: false, verbs: ['create']}, {virtual: true}),
	custom('kustomize.toolkit.fluxcd.io', 'v1', 'kustomizations', 'kustomization', 'Kustomization', {shortNames: ['ks'], categories: ['all', 'fluxcd', 'fluxcd-appliers'], subresources: ['status']}, readyColumns),
	custom('source.toolkit.fluxcd.io', 'v1', 'gitrepositories', 'gitrepository', 'GitRepository', {shortNames: ['gitrepo'], categories: ['all', 'fluxcd', 'fluxcd-sources'], subresources: ['status']}, [
		{name: 'URL', type: 'string', jsonPath: '.spec.url'},
		...readyColumns,
	]),
	custom('helm.toolkit.fluxcd.io', 'v2', 'helmreleases', 'helmrelease', 'HelmRelease', {shortNames: ['hr'], categories: ['all', 'fluxcd', 'fluxcd-appliers'], subresources: ['status']}, readyColumns),
	// Argo CD's CRDs declare no status subresource: status writes go through the main resource.
	custom('argoproj.io', 'v1alpha1', 'applications', 'application', 'Application', {shortNames: ['app', 'apps']}, [
		{name: 'Sync Status', type: 'string', jsonPath: '.status.sync.status'},
		{name: 'Health Status', type: 'string', jsonPath: '.status.health.status'},
		{name: 'Revision', type: 'string', jsonPath: '.status.sync.revision', priority: 10},
		{name: 'Project', type: 'string', jsonPath: '.spec.project', priority: 10},
	]),
	custom('argoproj.io', 'v1alpha1', 'appprojects', 'appproject', 'AppProject', {shortNames: ['appproj', 'appprojs']}, []),
];

/** Lookup over the served types; one instance per sandbox. */
export type Registry = {
	all(): ResourceType[];
	/** Resolves a URL's group/version/resource. */
	byResource(group: string, version: string, resource: string): ResourceType | undefined;
	/** Resolves an object's apiVersion and kind. */
	byKind(apiVersion: string, kind: string): ResourceType | undefined;
	/** Group names in the order /apis lists them, each with its served versions. */
	groups(): Array<{name: string; versions: string[]}>;
	hasGeneration(type: ResourceType): boolean;
	hasStatus(type: ResourceType): boolean;
	isCustom(type: ResourceType): boolean;
	isVirtual(type: ResourceType): boolean;
	deleteReturnsObject(type: ResourceType): boolean;
	printerColumns(type: ResourceType): PrinterColumn[] | undefined;
};

/** Builds the registry of every served type. */
export function createRegistry(): Registry {
	const behaviours = new Map<ResourceType, Behaviour>(entries);
	const types = entries.map(([type]) => type);
	const byResource = new Map(types.map(t => [`${t.group}/${t.version}/${t.resource}`, t]));
	const byKind = new Map(types.map(t => [`${t.group ? `${t.group}/` : ''}${t.version}/${t.kind}`, t]));
	const behaviour = (type: ResourceType): Behaviour => behaviours.get(type) ?? behaviours.get(byResource.get(`${type.group}/${type.version}/${type.resource}`)!) ?? {};
	return {
		all: () => types,
		byResource: (group, version, resource) => byResource.get(`${group}/${version}/${resource}`),
		byKind: (apiVersion, kind) => byKind.get(`${apiVersion}/${kind}`),
		groups() {
			const groups: Array<{name: string; versions: string[]}> = [];
			for (const type of types) {
				if (!type.group) continue;
				const group = groups.find(g => g.name === type.group);
				if (!group) groups.push({name: type.group, versions: [type.version]});
				else if (!group.versions.includes(type.version)) group.versions.push(type.version);
			}
			return groups;
		},
		hasGeneration: type => behaviour(type).generation === true,
		hasStatus: type => type.subresources?.includes('status') === true,
		isCustom: type => behaviour(type).custom === true,
		isVirtual: type => behaviour(type).virtual === true,
		deleteReturnsObject: type => behaviour(type).deleteReturnsObject === true,
		printerColumns: type => behaviour(type).printerColumns,
	};
}

/** `apps/v1` for a named group, `v1` for the core group. */
export function apiVersionOf(type: {group: string; version: string}): string {
	return type.group ? `${type.group}/${type.version}` : type.version;
}
