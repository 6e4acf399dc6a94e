/**
 * The HorizontalPodAutoscaler controller, status only: current replicas read from the scale target,
 * desired replicas kept within min/max, simulated metrics comfortably under target, and the conditions a
 * healthy autoscaler shows. It does not scale the target (the sandbox has no load to react to).
 */
import type {KubeObject} from '../../domain/kube-object.js';
import {formatQuantity, parseQuantity} from '../../domain/quantity.js';
import type {Controller} from './controller.js';
import {sources} from './events.js';
import {isKind, kinds} from './kinds.js';
import {keyOf, splitKey} from './owners.js';
import type {Runtime} from './runtime.js';
import {stableStringify} from './template-hash.js';

type Target = {type?: string; averageUtilization?: number; averageValue?: string; value?: string};
type Metric = {type?: string; resource?: {name?: string; target?: Target}; containerResource?: {name?: string; container?: string; target?: Target}};
type Spec = {scaleTargetRef?: {apiVersion?: string; kind?: string; name?: string}; minReplicas?: number; maxReplicas?: number; metrics?: Metric[]};
type Condition = {type: string; status: string; reason: string; message: string; lastTransitionTime?: string};

const scalable = [kinds.deployment, kinds.replicaSet, kinds.statefulSet];

/** Creates the HPA controller. */
export function createHpaController(runtime: Runtime): Controller {
	return {
		name: 'hpa',
		primary: kinds.hpa,
		keysFor(event) {
			if (isKind(event.object, kinds.hpa)) return event.type === 'DELETED' ? [] : [keyOf(event.object)];
			if (!scalable.some(ref => isKind(event.object, ref))) return [];
			return runtime.list(kinds.hpa, event.object.metadata.namespace)
				.filter(hpa => targets(hpa, event.object))
				.map(keyOf);
		},
		reconcile(key) {
			const {namespace, name} = splitKey(key);
			const hpa = runtime.get(kinds.hpa, namespace, name);
			if (!hpa) return;
			const spec = (hpa.spec ?? {}) as Spec;
			const ref = spec.scaleTargetRef ?? {};
			const target = ref.apiVersion && ref.kind && ref.name ? runtime.get({apiVersion: ref.apiVersion, kind: ref.kind}, namespace, ref.name) : undefined;
			const previous = (hpa.status ?? {}) as {conditions?: Condition[]};
			const status = target ? statusFor(spec, target) : missingTarget(ref);
			status.conditions = stamp(status.conditions as Condition[], previous.conditions, runtime.timestamp());
			if (stableStringify(status) !== stableStringify(previous)) runtime.updateStatus(hpa, status, sources.hpa.manager);
		},
	};
}

function targets(hpa: KubeObject, object: KubeObject): boolean {
	const ref = (hpa.spec as Spec | undefined)?.scaleTargetRef;
	return ref?.kind === object.kind && ref.name === object.metadata.name && ref.apiVersion === object.apiVersion;
}

function statusFor(spec: Spec, target: KubeObject): Record<string, unknown> {
	const current = (target.status as {replicas?: number} | undefined)?.replicas ?? 0;
	const wanted = (target.spec as {replicas?: number} | undefined)?.replicas ?? 0;
	const min = spec.minReplicas ?? 1;
	const max = spec.maxReplicas ?? min;
	if (wanted === 0) {
		return {
			conditions: [
				{type: 'AbleToScale', status: 'True', reason: 'SucceededGetScale', message: 'the HPA controller was able to get the target\'s current scale'},
				{type: 'ScalingActive', status: 'False', reason: 'ScalingDisabled', message: 'scaling is disabled since the replica count of the target is zero'},
			],
			currentMetrics: null,
			currentReplicas: current,
			desiredReplicas: 0,
		};
	}
	const desired = Math.min(Math.max(wanted, min), max);
	const limited = desired > wanted
		? {type: 'ScalingLimited', status: 'True', reason: 'TooFewReplicas', message: 'the desired replica count is less than the minimum replica count'}
		: desired < wanted
			? {type: 'ScalingLimited', status: 'True', reason: 'TooManyReplicas', message: 'the desired replica count is more than the maximum replica count'}
			: {type: 'ScalingLimited', status: 'False', reason: 'DesiredWithinRange', message: 'the desired count is within the acceptable range'};
	const metrics = spec.metrics ?? [];
	const first = metrics[0];
	return {
		conditions: [
			{type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale', message: 'recommended size matches current size'},
			{type: 'ScalingActive', status: 'True', reason: 'ValidMetricFound', message: `the HPA was able to successfully calculate a replica count from ${describe(first)}`},
			limited,
		],
		currentMetrics: metrics.length > 0 ? metrics.map(metric => currentMetric(metric, target)) : null,
		currentReplicas: current,
		desiredReplicas: desired,
	};
}

function missingTarget(ref: Spec['scaleTargetRef'] & object): Record<string, unknown> {
	const resource = `${(ref.kind ?? '').toLowerCase()}s${ref.apiVersion?.includes('/') ? `.${ref.apiVersion.split('/')[0]}` : ''}`;
	return {
		conditions: [{type: 'AbleToScale', status: 'False', reason: 'FailedGetScale', message: `the HPA controller was unable to get the target's current scale: ${resource} "${ref.name}" not found`}],
		currentMetrics: null,
		desiredReplicas: 0,
	};
}

function describe(metric: Metric | undefined): string {
	if (metric?.type === 'Resource' && metric.resource?.target?.type === 'Utilization') return `${metric.resource.name} resource utilization (percentage of request)`;
	if (metric?.type === 'Resource') return `${metric.resource?.name} resource`;
	return `${metric?.type?.toLowerCase() ?? 'resource'} metric`;
}

/** A metric reading at half its target: the sandbox's workloads are always comfortably loaded. */
function currentMetric(metric: Metric, target: KubeObject): Record<string, unknown> {
	const source = metric.resource ?? metric.containerResource;
	const goal = source?.target ?? {};
	const current: Record<string, unknown> = {};
	if (goal.averageUtilization !== undefined) {
		const utilization = Math.max(1, Math.floor(goal.averageUtilization / 2));
		current.averageUtilization = utilization;
		const request = podRequest(target, source?.name ?? 'cpu');
		if (request !== undefined) current.averageValue = scaleQuantity(request, utilization / 100);
	}
	if (goal.averageValue !== undefined) current.averageValue = scaleQuantity(goal.averageValue, 0.5);
	if (goal.value !== undefined) current.value = scaleQuantity(goal.value, 0.5);
	const key = metric.type === 'ContainerResource' ? 'containerResource' : metric.type === 'Resource' ? 'resource' : (metric.type ?? 'resource').toLowerCase();
	const named = source ? {name: source.name, ...(metric.containerResource ? {container: metric.containerResource.container} : {})} : {};
	return {type: metric.type, [key]: {...named, current}};
}

type Resources = {requests?: Record<string, string>; limits?: Record<string, string>};

/** Sum of one resource's requests over a pod of the target's template (pods default requests to limits). */
function podRequest(target: KubeObject, resource: string): string | undefined {
	const containers = ((target.spec as {template?: {spec?: {containers?: Array<{resources?: Resources}>}}}).template?.spec?.containers) ?? [];
	let milli = 0;
	let found = false;
	for (const container of containers) {
		const parsed = parseQuantity(container.resources?.requests?.[resource] ?? container.resources?.limits?.[resource] ?? '');
		if (!parsed.ok) continue;
		found = true;
		milli += Number(parsed.value.mantissa) * 10 ** (parsed.value.exponent + 3);
	}
	return found ? `${Math.round(milli)}m` : undefined;
}

function scaleQuantity(text: string, factor: number): string {
	const parsed = parseQuantity(text);
	if (!parsed.ok) return text;
	const milli = Math.round(Number(parsed.value.mantissa) * 10 ** (parsed.value.exponent + 3) * factor);
	return formatQuantity({mantissa: BigInt(milli), exponent: -3, format: 'DecimalSI'});
}

function stamp(conditions: Condition[], previous: Condition[] | undefined, time: string): Condition[] {
	return conditions.map(item => {
		const before = previous?.find(old => old.type === item.type);
		return {...item, lastTransitionTime: before && before.status === item.status ? before.lastTransitionTime : time};
	});
}
