import {splitApiVersion, type KubeObject} from '../kube-object.js';
import {argoApplicationHealth} from './argo.js';
import {cronJobHealth, jobHealth} from './batch.js';
import {readyConditionHealth} from './conditions.js';
import {fluxHealth, isFluxObject} from './flux.js';
import {health, type Health} from './health.js';
import {hpaHealth} from './hpa.js';
import {ingressHealth, serviceHealth} from './network.js';
import {podHealth} from './pod.js';
import {pvcHealth} from './storage.js';
import {daemonSetHealth, deploymentHealth, replicaSetHealth, statefulSetHealth} from './workloads.js';

export type {Health, HealthStatus} from './health.js';
export {healthOrder, isWorseHealth, worstHealth} from './health.js';

type Rule = (object: KubeObject) => Health;

// One rule per group/kind, as gitops-engine's GetHealthCheckFunc; the version does not matter.
const rules: Record<string, Rule> = {
	'apps/Deployment': deploymentHealth,
	'apps/StatefulSet': statefulSetHealth,
	'apps/DaemonSet': daemonSetHealth,
	'apps/ReplicaSet': replicaSetHealth,
	'/Pod': podHealth,
	'/Service': serviceHealth,
	'/PersistentVolumeClaim': pvcHealth,
	'batch/Job': jobHealth,
	'batch/CronJob': cronJobHealth,
	'networking.k8s.io/Ingress': ingressHealth,
	'extensions/Ingress': ingressHealth,
	'autoscaling/HorizontalPodAutoscaler': hpaHealth,
	'argoproj.io/Application': argoApplicationHealth,
};

/**
 * The health of a live object, or undefined when nothing can be said (a ConfigMap, a kind with no rule and no
 * `Ready` condition): such objects do not count towards an app's health, as in Argo CD. An object being deleted
 * is Progressing; a rule that throws on a malformed object gives Unknown for that object only.
 */
export function healthOf(object: KubeObject): Health | undefined {
	if (object.metadata?.deletionTimestamp) return health('Progressing', 'Pending deletion');
	const {group} = splitApiVersion(object.apiVersion ?? '');
	const rule = rules[`${group}/${object.kind}`] ?? (isFluxObject(group) ? fluxHealth : undefined);
	try {
		return rule ? rule(object) : readyConditionHealth(object);
	} catch (error) {
		return health('Unknown', `health check failed: ${error instanceof Error ? error.message : String(error)}`);
	}
}
