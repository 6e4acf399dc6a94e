/**
 * The schema table: how the built-in kinds' lists and maps merge, for server-side apply
 * (structured-merge-diff list types) and for strategic merge patch (Go patchStrategy tags).
 * Keyed by field path within a kind: `.` between fields, `[]` for a list item, `*` for a map entry.
 * Anything not listed is a struct (objects) or an atomic list that strategic merge replaces.
 */

/** How one field merges. */
export type FieldRule = {
	/** Server-side apply list type: `map` lists are keyed by `keys`, `set` lists hold unique scalars. */
	readonly list?: 'map' | 'set';
	readonly keys?: readonly string[];
	/** Schema defaults of key fields, used to key items that omit them (container port protocol). */
	readonly keyDefaults?: Readonly<Record<string, string>>;
	/** Objects: `map` has free-form keys (labels); `atomic` is owned and replaced as a whole. */
	readonly object?: 'map' | 'atomic';
	/** Strategic merge patch: merge list items by this key (Go `patchMergeKey`). */
	readonly patchMergeKey?: string;
	/** Strategic merge patch: a scalar list merged as a union (`patchStrategy:"merge"`, no key). */
	readonly patchMergeScalars?: boolean;
};

/** A kind's rules by path, plus the zero object the server compares a create against. */
export type KindSchema = {
	readonly rules: ReadonlyMap<string, FieldRule>;
	/** The Go zero value as JSON (non-pointer structs, non-omitempty fields): marks what a create "added". */
	readonly skeleton: Readonly<Record<string, unknown>>;
	/** False for kinds the table does not know (custom resources). */
	readonly builtIn: boolean;
};

type Rules = Record<string, FieldRule>;

const mapByName: FieldRule = {list: 'map', keys: ['name'], patchMergeKey: 'name'};
const conditions: FieldRule = {list: 'map', keys: ['type'], patchMergeKey: 'type'};
const map: FieldRule = {object: 'map'};
const atomic: FieldRule = {object: 'atomic'};

/** Prefixes every path of a rule table, so shared shapes mount under several kinds. */
function mount(prefix: string, rules: Rules): Rules {
	return Object.fromEntries(Object.entries(rules).map(([path, rule]) => [path === '' ? prefix : `${prefix}.${path}`, rule]));
}

const objectMeta: Rules = {
	labels: map,
	annotations: map,
	finalizers: {list: 'set', patchMergeScalars: true},
	ownerReferences: {list: 'map', keys: ['uid'], patchMergeKey: 'uid'},
	'ownerReferences[]': atomic,
};

const container: Rules = {
	ports: {list: 'map', keys: ['containerPort', 'protocol'], keyDefaults: {protocol: 'TCP'}, patchMergeKey: 'containerPort'},
	env: mapByName,
	'env[].valueFrom.fieldRef': atomic,
	'env[].valueFrom.resourceFieldRef': atomic,
	'env[].valueFrom.configMapKeyRef': atomic,
	'env[].valueFrom.secretKeyRef': atomic,
	volumeMounts: {list: 'map', keys: ['mountPath'], patchMergeKey: 'mountPath'},
	volumeDevices: {list: 'map', keys: ['devicePath'], patchMergeKey: 'devicePath'},
	'resources.limits': map,
	'resources.requests': map,
	'resources.claims': {list: 'map', keys: ['name']},
};

const podSpec: Rules = {
	containers: mapByName,
	...mount('containers[]', container),
	initContainers: mapByName,
	...mount('initContainers[]', container),
	ephemeralContainers: mapByName,
	...mount('ephemeralContainers[]', container),
	volumes: mapByName,
	imagePullSecrets: mapByName,
	'imagePullSecrets[]': atomic,
	hostAliases: {list: 'map', keys: ['ip'], patchMergeKey: 'ip'},
	nodeSelector: {object: 'atomic'},
	overhead: map,
	topologySpreadConstraints: {list: 'map', keys: ['topologyKey', 'whenUnsatisfiable'], patchMergeKey: 'topologyKey'},
	schedulingGates: mapByName,
	resourceClaims: mapByName,
};

const podTemplate: Rules = {...mount('metadata', objectMeta), ...mount('spec', podSpec)};

const workloadStatus: Rules = {'status.conditions': conditions};

const kinds: Record<string, {rules: Rules; skeleton: Record<string, unknown>}> = {
	'/Pod': {
		rules: {
			...mount('spec', podSpec),
			'status.conditions': conditions,
			'status.podIPs': {list: 'map', keys: ['ip'], patchMergeKey: 'ip'},
			'status.hostIPs': {list: 'map', keys: ['ip'], patchMergeKey: 'ip'},
		},
		skeleton: {spec: {containers: null}, status: {}},
	},
	'/Service': {
		rules: {
			'spec.ports': {list: 'map', keys: ['port', 'protocol'], keyDefaults: {protocol: 'TCP'}, patchMergeKey: 'port'},
			'spec.selector': atomic,
			'status.conditions': conditions,
		},
		skeleton: {spec: {}, status: {loadBalancer: {}}},
	},
	'/ConfigMap': {rules: {data: map, binaryData: map}, skeleton: {}},
	'/Secret': {rules: {data: map, stringData: map}, skeleton: {}},
	'/Namespace': {rules: {'status.conditions': conditions}, skeleton: {spec: {}, status: {}}},
	'/ServiceAccount': {rules: {secrets: mapByName, imagePullSecrets: mapByName, 'imagePullSecrets[]': atomic}, skeleton: {}},
	'/PersistentVolumeClaim': {
		rules: {'spec.resources.requests': map, 'spec.resources.limits': map, 'spec.selector': atomic, 'status.capacity': map, 'status.conditions': conditions},
		skeleton: {spec: {resources: {}}, status: {}},
	},
	'apps/Deployment': {
		rules: {'spec.selector': atomic, ...mount('spec.template', podTemplate), ...workloadStatus},
		skeleton: {spec: {selector: null, template: emptyTemplate(), strategy: {}}, status: {}},
	},
	'apps/ReplicaSet': {
		rules: {'spec.selector': atomic, ...mount('spec.template', podTemplate), ...workloadStatus},
		skeleton: {spec: {selector: null, template: emptyTemplate()}, status: {replicas: 0}},
	},
	'apps/StatefulSet': {
		rules: {'spec.selector': atomic, ...mount('spec.template', podTemplate), ...workloadStatus},
		skeleton: {spec: {selector: null, template: emptyTemplate(), serviceName: '', updateStrategy: {}}, status: {replicas: 0}},
	},
	'apps/DaemonSet': {
		rules: {'spec.selector': atomic, ...mount('spec.template', podTemplate), ...workloadStatus},
		skeleton: {
			spec: {selector: null, template: emptyTemplate(), updateStrategy: {}},
			status: {currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0},
		},
	},
	'batch/Job': {
		// Job conditions are `listType=atomic` for apply yet merge by type in strategic merge patch.
		rules: {'spec.selector': atomic, ...mount('spec.template', podTemplate), 'status.conditions': {patchMergeKey: 'type'}},
		skeleton: {spec: {template: emptyTemplate()}, status: {}},
	},
	'batch/CronJob': {
		rules: {
			...mount('spec.jobTemplate.metadata', objectMeta),
			'spec.jobTemplate.spec.selector': atomic,
			...mount('spec.jobTemplate.spec.template', podTemplate),
		},
		skeleton: {spec: {schedule: '', jobTemplate: {metadata: {creationTimestamp: null}, spec: {template: emptyTemplate()}}}, status: {}},
	},
	'autoscaling/HorizontalPodAutoscaler': {
		rules: {'status.conditions': conditions},
		skeleton: {spec: {scaleTargetRef: {kind: '', name: ''}, maxReplicas: 0}, status: {desiredReplicas: 0}},
	},
	'networking.k8s.io/Ingress': {rules: {}, skeleton: {spec: {}, status: {loadBalancer: {}}}},
	'policy/PodDisruptionBudget': {rules: {'spec.selector': atomic, 'status.conditions': conditions}, skeleton: {spec: {}, status: {}}},
};

function emptyTemplate(): Record<string, unknown> {
	return {metadata: {creationTimestamp: null}, spec: {containers: null}};
}

/** API groups served by kube-apiserver itself: strategic merge patch works for every kind in them. */
const builtInGroups = new Set([
	'',
	'apps',
	'batch',
	'autoscaling',
	'policy',
	'networking.k8s.io',
	'rbac.authorization.k8s.io',
	'storage.k8s.io',
	'scheduling.k8s.io',
	'coordination.k8s.io',
	'discovery.k8s.io',
	'events.k8s.io',
	'node.k8s.io',
	'certificates.k8s.io',
	'admissionregistration.k8s.io',
	'apiextensions.k8s.io',
	'apiregistration.k8s.io',
	'flowcontrol.apiserver.k8s.io',
	'authentication.k8s.io',
	'authorization.k8s.io',
	'resource.k8s.io',
]);

/** The schema for a kind: its table entry, or only the object metadata rules for other kinds. */
export function schemaFor(group: string, kind: string): KindSchema {
	const entry = kinds[`${group}/${kind}`];
	const rules = new Map(Object.entries({...mount('metadata', objectMeta), ...entry?.rules}));
	return {rules, skeleton: entry?.skeleton ?? {}, builtIn: builtInGroups.has(group)};
}
