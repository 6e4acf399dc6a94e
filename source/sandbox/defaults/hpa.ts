/**
 * HorizontalPodAutoscaler defaults. autoscaling/v2: minReplicas 1, a CPU 80% metric when none is given, and
 * the scaling behavior filled rule by rule only when a behavior is given (GenerateHPAScale{Up,Down}Rules).
 * autoscaling/v1: minReplicas 1.
 */
import type {KubeObject} from '../../domain/kube-object.js';
import {type Fields, ensure, field, records, setDefault} from './fields.js';
import {canonicaliseField} from './quantities.js';

const scaleUp = {
	stabilizationWindowSeconds: 0,
	selectPolicy: 'Max',
	policies: [
		{type: 'Pods', value: 4, periodSeconds: 15},
		{type: 'Percent', value: 100, periodSeconds: 15},
	],
};
const scaleDown = {
	stabilizationWindowSeconds: 300,
	selectPolicy: 'Max',
	policies: [{type: 'Percent', value: 100, periodSeconds: 15}],
};

/** Defaults an autoscaling/v2 HPA in place. */
export function defaultHorizontalPodAutoscalerV2(hpa: KubeObject): void {
	const spec = ensure(hpa, 'spec');
	setDefault(spec, 'minReplicas', 1);
	if (!Array.isArray(spec.metrics) || spec.metrics.length === 0) {
		spec.metrics = [{type: 'Resource', resource: {name: 'cpu', target: {type: 'Utilization', averageUtilization: 80}}}];
	}
	for (const metric of records(spec.metrics)) canonicaliseMetricTarget(metric);
	const behavior = field(spec, 'behavior');
	if (behavior) {
		fillRules(ensure(behavior, 'scaleUp'), scaleUp);
		fillRules(ensure(behavior, 'scaleDown'), scaleDown);
	}
	defaultStatus(hpa);
}

/** Defaults an autoscaling/v1 HPA in place. */
export function defaultHorizontalPodAutoscalerV1(hpa: KubeObject): void {
	setDefault(ensure(hpa, 'spec'), 'minReplicas', 1);
	defaultStatus(hpa);
}

function defaultStatus(hpa: KubeObject): void {
	// desiredReplicas is not omitempty, and currentMetrics serialises as null until the controller writes it.
	const status = ensure(hpa, 'status');
	if (hpa.apiVersion === 'autoscaling/v2' && status.currentMetrics === undefined) status.currentMetrics = null;
	setDefault(status, 'desiredReplicas', 0);
}

function fillRules(rules: Fields, defaults: typeof scaleUp): void {
	setDefault(rules, 'stabilizationWindowSeconds', defaults.stabilizationWindowSeconds);
	setDefault(rules, 'selectPolicy', defaults.selectPolicy);
	setDefault(rules, 'policies', structuredClone(defaults.policies));
}

function canonicaliseMetricTarget(metric: Fields): void {
	for (const source of ['resource', 'containerResource', 'pods', 'object', 'external']) {
		const target = field(field(metric, source) ?? {}, 'target');
		canonicaliseField(target, 'value');
		canonicaliseField(target, 'averageValue');
	}
}
