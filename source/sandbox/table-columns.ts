/**
 * The columns `kubectl get` shows per kind, as the apiserver's table printers define them, and
 * how each row's cells are computed. Custom resources use their CRD's additionalPrinterColumns.
 */
import type {KubeObject} from '../domain/kube-object.js';
import {humanDuration} from './human-duration.js';

/** One column: header, cell type, priority (1 = only with -o wide) and how to compute the cell. */
export type Column = {
	name: string;
	type: 'string' | 'integer' | 'date';
	priority?: number;
	/** `name` marks the object-name column where a kind places it itself (Events put it last). */
	format?: 'name';
	cell: (object: KubeObject, now: Date) => string | number;
};

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const spec = (o: KubeObject): Any => (o['spec'] as Any) ?? {};
const status = (o: KubeObject): Any => (o['status'] as Any) ?? {};
const age: Column = {name: 'Age', type: 'string', cell: (o, now) => since(o.metadata.creationTimestamp, now)};
const none = (value: string | undefined) => (value ? value : '<none>');

/** Human age since an RFC 3339 time, `<unknown>` when absent. */
export function since(time: string | undefined, now: Date): string {
	return time ? humanDuration(now.getTime() - Date.parse(time)) : '<unknown>';
}

function podSpec(o: KubeObject): Any {
	if (o.kind === 'Pod') return spec(o);
	if (o.kind === 'CronJob') return spec(o).jobTemplate?.spec?.template?.spec ?? {};
	return spec(o).template?.spec ?? {};
}
const containers: Column = {name: 'Containers', type: 'string', priority: 1, cell: o => (podSpec(o).containers ?? []).map((c: Any) => c.name).join(',')};
const images: Column = {name: 'Images', type: 'string', priority: 1, cell: o => (podSpec(o).containers ?? []).map((c: Any) => c.image).join(',')};
const selector: Column = {
	name: 'Selector',
	type: 'string',
	priority: 1,
	cell: o => {
		const labels = spec(o).selector?.matchLabels ?? (o.kind === 'Service' ? spec(o).selector : undefined);
		return labels ? Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(',') : '<none>';
	},
};
const int = (name: string, read: (o: KubeObject) => unknown, priority?: number): Column => ({name, type: 'integer', priority, cell: o => Number(read(o) ?? 0)});

function podStatus(o: KubeObject): string {
	if (o.metadata.deletionTimestamp) return 'Terminating';
	const states: Any[] = (status(o).containerStatuses ?? []).map((c: Any) => c.state ?? {});
	const waiting = states.find(s => s.waiting?.reason)?.waiting?.reason;
	const terminated = states.find(s => s.terminated?.reason)?.terminated?.reason;
	return waiting ?? (status(o).phase === 'Running' ? 'Running' : terminated) ?? status(o).reason ?? status(o).phase ?? 'Unknown';
}

function servicePorts(o: KubeObject): string {
	const ports: Any[] = spec(o).ports ?? [];
	if (ports.length === 0) return '<none>';
	return ports.map(p => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',');
}

function externalIp(o: KubeObject): string {
	const ingress: Any[] = status(o).loadBalancer?.ingress ?? [];
	const addresses = [...(spec(o).externalIPs ?? []), ...ingress.map(i => i.ip ?? i.hostname)];
	if (addresses.length > 0) return addresses.join(',');
	return spec(o).type === 'LoadBalancer' ? '<pending>' : '<none>';
}

function jobStatus(o: KubeObject): string {
	const conditions: Any[] = status(o).conditions ?? [];
	const holds = (type: string) => conditions.some(c => c.type === type && c.status === 'True');
	if (holds('Complete')) return 'Complete';
	if (holds('Failed')) return 'Failed';
	if (o.metadata.deletionTimestamp) return 'Terminating';
	if (holds('Suspended')) return 'Suspended';
	return 'Running';
}

function hpaTargets(o: KubeObject): string {
	const metrics: Any[] = spec(o).metrics ?? [];
	if (metrics.length === 0) return '<none>';
	return metrics
		.map(m => {
			const target = m.resource?.target ?? {};
			const current = (status(o).currentMetrics ?? []).find((c: Any) => c.resource?.name === m.resource?.name)?.resource?.current;
			const shown = current?.averageUtilization !== undefined ? `${current.averageUtilization}%` : '<unknown>';
			return target.averageUtilization !== undefined ? `${m.resource?.name}: ${shown}/${target.averageUtilization}%` : `${m.type}`;
		})
		.join(', ');
}

/** Built-in kinds' columns after Name; unknown kinds show only Age. */
export const builtinColumns: Record<string, Column[]> = {
	Namespace: [{name: 'Status', type: 'string', cell: o => status(o).phase ?? ''}, age],
	ConfigMap: [int('Data', o => Object.keys(o['data'] ?? {}).length + Object.keys(o['binaryData'] ?? {}).length), age],
	Secret: [{name: 'Type', type: 'string', cell: o => String(o['type'] ?? 'Opaque')}, int('Data', o => Object.keys(o['data'] ?? {}).length), age],
	ServiceAccount: [int('Secrets', o => ((o['secrets'] as unknown[]) ?? []).length), age],
	Service: [
		{name: 'Type', type: 'string', cell: o => spec(o).type ?? 'ClusterIP'},
		{name: 'Cluster-IP', type: 'string', cell: o => none(spec(o).clusterIP)},
		{name: 'External-IP', type: 'string', cell: externalIp},
		{name: 'Port(s)', type: 'string', cell: servicePorts},
		age,
		selector,
	],
	Pod: [
		{name: 'Ready', type: 'string', cell: o => `${(status(o).containerStatuses ?? []).filter((c: Any) => c.ready).length}/${(spec(o).containers ?? []).length}`},
		{name: 'Status', type: 'string', cell: podStatus},
		{name: 'Restarts', type: 'string', cell: o => String((status(o).containerStatuses ?? []).reduce((sum: number, c: Any) => sum + (c.restartCount ?? 0), 0))},
		age,
		{name: 'IP', type: 'string', priority: 1, cell: o => none(status(o).podIP)},
		{name: 'Node', type: 'string', priority: 1, cell: o => none(spec(o).nodeName)},
	],
	Event: [
		{name: 'Last Seen', type: 'string', cell: (o, now) => since((o['lastTimestamp'] as string) ?? (o['eventTime'] as string) ?? o.metadata.creationTimestamp, now)},
		{name: 'Type', type: 'string', cell: o => String(o['type'] ?? '')},
		{name: 'Reason', type: 'string', cell: o => String(o['reason'] ?? '')},
		{name: 'Object', type: 'string', cell: o => `${String((o['involvedObject'] as Any)?.kind ?? '').toLowerCase()}/${(o['involvedObject'] as Any)?.name ?? ''}`},
		{name: 'Message', type: 'string', cell: o => String(o['message'] ?? '')},
		{name: 'Count', type: 'integer', priority: 1, cell: o => Number(o['count'] ?? 1)},
		{name: 'Name', type: 'string', format: 'name', priority: 1, cell: o => o.metadata.name ?? ''},
	],
	Deployment: [
		{name: 'Ready', type: 'string', cell: o => `${status(o).readyReplicas ?? 0}/${spec(o).replicas ?? 0}`},
		int('Up-to-date', o => status(o).updatedReplicas),
		int('Available', o => status(o).availableReplicas),
		age,
		containers,
		images,
		selector,
	],
	ReplicaSet: [int('Desired', o => spec(o).replicas), int('Current', o => status(o).replicas), int('Ready', o => status(o).readyReplicas), age, containers, images, selector],
	StatefulSet: [{name: 'Ready', type: 'string', cell: o => `${status(o).readyReplicas ?? 0}/${spec(o).replicas ?? 0}`}, age, containers, images],
	DaemonSet: [
		int('Desired', o => status(o).desiredNumberScheduled),
		int('Current', o => status(o).currentNumberScheduled),
		int('Ready', o => status(o).numberReady),
		int('Up-to-date', o => status(o).updatedNumberScheduled),
		int('Available', o => status(o).numberAvailable),
		{name: 'Node Selector', type: 'string', cell: o => Object.entries(podSpec(o).nodeSelector ?? {}).map(([k, v]) => `${k}=${v}`).join(',') || '<none>'},
		age,
		containers,
		images,
		selector,
	],
	Job: [
		{name: 'Status', type: 'string', cell: jobStatus},
		{name: 'Completions', type: 'string', cell: o => `${status(o).succeeded ?? 0}/${spec(o).completions ?? 1}`},
		{
			name: 'Duration',
			type: 'string',
			cell: (o, now) => (status(o).startTime ? humanDuration((status(o).completionTime ? Date.parse(status(o).completionTime) : now.getTime()) - Date.parse(status(o).startTime)) : ''),
		},
		age,
		containers,
		images,
		selector,
	],
	CronJob: [
		{name: 'Schedule', type: 'string', cell: o => String(spec(o).schedule ?? '')},
		{name: 'Timezone', type: 'string', cell: o => none(spec(o).timeZone)},
		{name: 'Suspend', type: 'string', cell: o => String(spec(o).suspend ?? false)},
		int('Active', o => (status(o).active ?? []).length),
		{name: 'Last Schedule', type: 'string', cell: (o, now) => (status(o).lastScheduleTime ? since(status(o).lastScheduleTime, now) : '<none>')},
		age,
		containers,
		images,
	],
	Ingress: [
		{name: 'Class', type: 'string', cell: o => none(spec(o).ingressClassName)},
		{name: 'Hosts', type: 'string', cell: o => (spec(o).rules ?? []).map((r: Any) => r.host ?? '*').join(',') || '*'},
		{name: 'Address', type: 'string', cell: o => (status(o).loadBalancer?.ingress ?? []).map((i: Any) => i.ip ?? i.hostname).join(',')},
		{name: 'Ports', type: 'string', cell: o => ((spec(o).tls ?? []).length > 0 ? '80, 443' : '80')},
		age,
	],
	HorizontalPodAutoscaler: [
		{name: 'Reference', type: 'string', cell: o => `${spec(o).scaleTargetRef?.kind ?? ''}/${spec(o).scaleTargetRef?.name ?? ''}`},
		{name: 'Targets', type: 'string', cell: hpaTargets},
		{name: 'MinPods', type: 'string', cell: o => String(spec(o).minReplicas ?? 1)},
		int('MaxPods', o => spec(o).maxReplicas),
		int('Replicas', o => status(o).currentReplicas),
		age,
	],
	// The rbac printers: roles show when they were created (a timestamp, not an age); bindings their role and subjects.
	ClusterRole: [createdAt()],
	Role: [createdAt()],
	ClusterRoleBinding: [roleRef(), age, ...subjectColumns()],
	RoleBinding: [roleRef(), age, ...subjectColumns()],
};

function createdAt(): Column {
	return {name: 'Created At', type: 'date', cell: o => o.metadata.creationTimestamp ?? ''};
}

function roleRef(): Column {
	return {name: 'Role', type: 'string', cell: o => `${(o['roleRef'] as Any)?.kind ?? ''}/${(o['roleRef'] as Any)?.name ?? ''}`};
}

function subjectColumns(): Column[] {
	const subjects = (o: KubeObject, kind: string) => ((o['subjects'] as Any[]) ?? []).filter(subject => subject.kind === kind);
	return [
		{name: 'Users', type: 'string', priority: 1, cell: o => subjects(o, 'User').map(subject => subject.name).join(', ')},
		{name: 'Groups', type: 'string', priority: 1, cell: o => subjects(o, 'Group').map(subject => subject.name).join(', ')},
		{name: 'ServiceAccounts', type: 'string', priority: 1, cell: o => subjects(o, 'ServiceAccount').map(subject => `${subject.namespace ?? ''}/${subject.name}`).join(', ')},
	];
}

/** Evaluates the JSONPath subset CRD printer columns use: `.a.b`, `.a[0]`, `.a[?(@.type=="Ready")].status`. */
export function evaluateJsonPath(object: unknown, path: string): unknown {
	const tokens = path.match(/\.[^.[]+|\[\?\(@\.[^)]*\)\]|\[\d+\]/g) ?? [];
	let current: unknown = object;
	for (const token of tokens) {
		if (current === undefined || current === null) return undefined;
		const filter = /^\[\?\(@\.([\w.-]+)\s*==\s*["']?([^"']*)["']?\)\]$/.exec(token);
		if (filter) {
			current = Array.isArray(current) ? current.find(item => String((item as Any)?.[filter[1]!]) === filter[2]) : undefined;
		} else if (token.startsWith('[')) {
			current = Array.isArray(current) ? current[Number(token.slice(1, -1))] : undefined;
		} else current = (current as Any)[token.slice(1)];
	}
	return current;
}
