/**
 * Field numbers of the Kubernetes protobuf messages the sandbox decodes: the objects kubectl's
 * typed clients send (`kubectl create namespace|configmap|secret|serviceaccount|deployment|service|
 * job|cronjob|ingress|role|clusterrole|rolebinding|clusterrolebinding`, `kubectl run`, `auth can-i`,
 * `auth whoami`). Fields not listed are skipped.
 */

/** How one field decodes. Strings, ints and bools that are empty/zero are dropped unless `pointer`. */
export type Field = {
	name: string;
	type: 'string' | 'bytes' | 'int' | 'bool' | 'map' | 'bytesMap' | 'quantityMap' | 'intOrString' | 'time' | Schema;
	repeated?: boolean;
	pointer?: boolean;
	/** Go's `json:",inline"`: the message's fields go into the parent. */
	inline?: boolean;
};

export type Schema = {[fieldNumber: number]: Field};

const f = (name: string, type: Field['type'], extra: Partial<Field> = {}): Field => ({name, type, ...extra});

const ownerReference: Schema = {1: f('kind', 'string'), 3: f('name', 'string'), 4: f('uid', 'string'), 5: f('apiVersion', 'string'), 6: f('controller', 'bool', {pointer: true}), 7: f('blockOwnerDeletion', 'bool', {pointer: true})};

export const objectMeta: Schema = {
	1: f('name', 'string'),
	2: f('generateName', 'string'),
	3: f('namespace', 'string'),
	5: f('uid', 'string'),
	6: f('resourceVersion', 'string'),
	8: f('creationTimestamp', 'time'),
	11: f('labels', 'map'),
	12: f('annotations', 'map'),
	13: f('ownerReferences', ownerReference, {repeated: true}),
	14: f('finalizers', 'string', {repeated: true}),
};

const labelSelector: Schema = {
	1: f('matchLabels', 'map'),
	2: f('matchExpressions', {1: f('key', 'string'), 2: f('operator', 'string'), 3: f('values', 'string', {repeated: true})}, {repeated: true}),
};

const container: Schema = {
	1: f('name', 'string'),
	2: f('image', 'string'),
	3: f('command', 'string', {repeated: true}),
	4: f('args', 'string', {repeated: true}),
	5: f('workingDir', 'string'),
	6: f('ports', {1: f('name', 'string'), 2: f('hostPort', 'int'), 3: f('containerPort', 'int'), 4: f('protocol', 'string'), 5: f('hostIP', 'string')}, {repeated: true}),
	7: f('env', {1: f('name', 'string'), 2: f('value', 'string')}, {repeated: true}),
	8: f('resources', {1: f('limits', 'quantityMap'), 2: f('requests', 'quantityMap')}),
	13: f('terminationMessagePath', 'string'),
	14: f('imagePullPolicy', 'string'),
	16: f('stdin', 'bool'),
	17: f('stdinOnce', 'bool'),
	18: f('tty', 'bool'),
	20: f('terminationMessagePolicy', 'string'),
};

const podSpec: Schema = {
	2: f('containers', container, {repeated: true}),
	3: f('restartPolicy', 'string'),
	4: f('terminationGracePeriodSeconds', 'int', {pointer: true}),
	5: f('activeDeadlineSeconds', 'int', {pointer: true}),
	6: f('dnsPolicy', 'string'),
	7: f('nodeSelector', 'map'),
	8: f('serviceAccountName', 'string'),
	10: f('nodeName', 'string'),
	11: f('hostNetwork', 'bool'),
	15: f('imagePullSecrets', {1: f('name', 'string')}, {repeated: true}),
	16: f('hostname', 'string'),
	17: f('subdomain', 'string'),
	19: f('schedulerName', 'string'),
	20: f('initContainers', container, {repeated: true}),
	24: f('priorityClassName', 'string'),
};

const podTemplate: Schema = {1: f('metadata', objectMeta), 2: f('spec', podSpec)};

const jobSpec: Schema = {
	1: f('parallelism', 'int', {pointer: true}),
	2: f('completions', 'int', {pointer: true}),
	3: f('activeDeadlineSeconds', 'int', {pointer: true}),
	4: f('selector', labelSelector),
	5: f('manualSelector', 'bool', {pointer: true}),
	6: f('template', podTemplate),
	7: f('backoffLimit', 'int', {pointer: true}),
	8: f('ttlSecondsAfterFinished', 'int', {pointer: true}),
};

const intOrStringPort = {1: f('name', 'string'), 2: f('number', 'int')};

// rbac/v1 (`kubectl create role|clusterrole|rolebinding|clusterrolebinding`).
const policyRule: Schema = {
	1: f('verbs', 'string', {repeated: true}),
	2: f('apiGroups', 'string', {repeated: true}),
	3: f('resources', 'string', {repeated: true}),
	4: f('resourceNames', 'string', {repeated: true}),
	5: f('nonResourceURLs', 'string', {repeated: true}),
};
const binding: Schema = {
	1: f('metadata', objectMeta),
	2: f('subjects', {1: f('kind', 'string'), 2: f('apiGroup', 'string'), 3: f('name', 'string'), 4: f('namespace', 'string')}, {repeated: true}),
	3: f('roleRef', {1: f('apiGroup', 'string'), 2: f('kind', 'string'), 3: f('name', 'string')}),
};

/** Top-level schemas by `apiVersion/kind`; every object has metadata at 1. */
export const kindSchemas: Record<string, Schema> = {
	'rbac.authorization.k8s.io/v1/Role': {1: f('metadata', objectMeta), 2: f('rules', policyRule, {repeated: true})},
	'rbac.authorization.k8s.io/v1/ClusterRole': {
		1: f('metadata', objectMeta),
		2: f('rules', policyRule, {repeated: true}),
		3: f('aggregationRule', {1: f('clusterRoleSelectors', labelSelector, {repeated: true})}),
	},
	'rbac.authorization.k8s.io/v1/RoleBinding': binding,
	'rbac.authorization.k8s.io/v1/ClusterRoleBinding': binding,
	'v1/Namespace': {1: f('metadata', objectMeta), 2: f('spec', {1: f('finalizers', 'string', {repeated: true})})},
	'v1/ConfigMap': {1: f('metadata', objectMeta), 2: f('data', 'map'), 3: f('binaryData', 'bytesMap'), 4: f('immutable', 'bool', {pointer: true})},
	'v1/Secret': {1: f('metadata', objectMeta), 2: f('data', 'bytesMap'), 3: f('type', 'string'), 4: f('stringData', 'map'), 5: f('immutable', 'bool', {pointer: true})},
	'v1/ServiceAccount': {1: f('metadata', objectMeta), 3: f('imagePullSecrets', {1: f('name', 'string')}, {repeated: true}), 4: f('automountServiceAccountToken', 'bool', {pointer: true})},
	'v1/Pod': {1: f('metadata', objectMeta), 2: f('spec', podSpec)},
	'v1/Service': {
		1: f('metadata', objectMeta),
		2: f('spec', {
			1: f('ports', {1: f('name', 'string'), 2: f('protocol', 'string'), 3: f('port', 'int'), 4: f('targetPort', 'intOrString'), 5: f('nodePort', 'int')}, {repeated: true}),
			2: f('selector', 'map'),
			3: f('clusterIP', 'string'),
			4: f('type', 'string'),
			5: f('externalIPs', 'string', {repeated: true}),
			7: f('sessionAffinity', 'string'),
			10: f('externalName', 'string'),
		}),
	},
	'apps/v1/Deployment': {
		1: f('metadata', objectMeta),
		2: f('spec', {
			1: f('replicas', 'int', {pointer: true}),
			2: f('selector', labelSelector),
			3: f('template', podTemplate),
			4: f('strategy', {1: f('type', 'string'), 2: f('rollingUpdate', {1: f('maxUnavailable', 'intOrString'), 2: f('maxSurge', 'intOrString')})}),
			5: f('minReadySeconds', 'int'),
			6: f('revisionHistoryLimit', 'int', {pointer: true}),
			7: f('paused', 'bool'),
			9: f('progressDeadlineSeconds', 'int', {pointer: true}),
		}),
	},
	'batch/v1/Job': {1: f('metadata', objectMeta), 2: f('spec', jobSpec)},
	'batch/v1/CronJob': {
		1: f('metadata', objectMeta),
		2: f('spec', {
			1: f('schedule', 'string'),
			2: f('startingDeadlineSeconds', 'int', {pointer: true}),
			3: f('concurrencyPolicy', 'string'),
			4: f('suspend', 'bool', {pointer: true}),
			5: f('jobTemplate', {1: f('metadata', objectMeta), 2: f('spec', jobSpec)}),
			6: f('successfulJobsHistoryLimit', 'int', {pointer: true}),
			7: f('failedJobsHistoryLimit', 'int', {pointer: true}),
			8: f('timeZone', 'string', {pointer: true}),
		}),
	},
	'networking.k8s.io/v1/Ingress': {
		1: f('metadata', objectMeta),
		2: f('spec', {
			2: f('tls', {1: f('hosts', 'string', {repeated: true}), 2: f('secretName', 'string')}, {repeated: true}),
			3: f(
				'rules',
				{
					1: f('host', 'string'),
					2: f(
						'ingressRuleValue',
						{
							1: f('http', {
								1: f(
									'paths',
									{1: f('path', 'string'), 2: f('backend', {4: f('service', {1: f('name', 'string'), 2: f('port', intOrStringPort)})}), 3: f('pathType', 'string', {pointer: true})},
									{repeated: true},
								),
							}),
						},
						{inline: true},
					),
				},
				{repeated: true},
			),
			4: f('ingressClassName', 'string', {pointer: true}),
		}),
	},
	'authorization.k8s.io/v1/SelfSubjectAccessReview': {
		1: f('metadata', objectMeta),
		2: f('spec', {
			1: f('resourceAttributes', {1: f('namespace', 'string'), 2: f('verb', 'string'), 3: f('group', 'string'), 4: f('version', 'string'), 5: f('resource', 'string'), 6: f('subresource', 'string'), 7: f('name', 'string')}),
			2: f('nonResourceAttributes', {1: f('path', 'string'), 2: f('verb', 'string')}),
		}),
	},
	'authentication.k8s.io/v1/SelfSubjectReview': {1: f('metadata', objectMeta)},
};
