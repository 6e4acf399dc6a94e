/**
 * applyDefaults: what a real v1.30 apiserver fills into an object it stores (defaulting, the built-in admission
 * plugins, allocation and quantity canonicalisation), so the sandbox's live objects look like a cluster's and
 * "server defaults are not drift" can be proven against them. The store calls it on every write.
 */
import type {KubeObject} from '../../domain/kube-object.js';
import {defaultCronJob} from './cronjob.js';
import {defaultDaemonSet} from './daemonset.js';
import {defaultDeployment} from './deployment.js';
import {ensure} from './fields.js';
import {defaultHorizontalPodAutoscalerV1, defaultHorizontalPodAutoscalerV2} from './hpa.js';
import {defaultIngress} from './ingress.js';
import {defaultJob} from './job.js';
import {defaultNamespace, defaultSecret, defaultServiceAccount} from './namespace.js';
import {defaultPersistentVolumeClaim} from './persistent-volume-claim.js';
import {defaultPod} from './pod.js';
import {defaultPodTemplate} from './pod-spec.js';
import {canonicaliseResourceQuota, defaultLimitRange} from './quantities.js';
import {defaultReplicaSet} from './replicaset.js';
import {defaultService} from './service.js';
import {defaultStatefulSet} from './statefulset.js';

type Defaulter = (object: KubeObject) => void;

const defaulters: Record<string, Defaulter> = {
	'apps/v1/Deployment': defaultDeployment,
	'apps/v1/ReplicaSet': defaultReplicaSet,
	'apps/v1/StatefulSet': defaultStatefulSet,
	'apps/v1/DaemonSet': defaultDaemonSet,
	'batch/v1/Job': defaultJob,
	'batch/v1/CronJob': defaultCronJob,
	'v1/Pod': defaultPod,
	'v1/PodTemplate': object => defaultPodTemplate(ensure(object, 'template')),
	'v1/Service': defaultService,
	'v1/Namespace': defaultNamespace,
	'v1/Secret': defaultSecret,
	'v1/ServiceAccount': defaultServiceAccount,
	'v1/PersistentVolumeClaim': defaultPersistentVolumeClaim,
	'v1/ResourceQuota': canonicaliseResourceQuota,
	'v1/LimitRange': defaultLimitRange,
	'networking.k8s.io/v1/Ingress': defaultIngress,
	'autoscaling/v2/HorizontalPodAutoscaler': defaultHorizontalPodAutoscalerV2,
	'autoscaling/v1/HorizontalPodAutoscaler': defaultHorizontalPodAutoscalerV1,
};

/**
 * Returns a copy of the object with the server's defaults filled in. Pure and idempotent (applying it to its
 * own result changes nothing); the input is never mutated. Kinds it does not know come back as a plain copy.
 * A Job's generated selector needs metadata.uid, so the store should assign the uid before calling this.
 */
export function applyDefaults(object: KubeObject): KubeObject {
	const copy = structuredClone(object);
	defaulters[`${object.apiVersion}/${object.kind}`]?.(copy);
	return copy;
}

export {clusterIPFor} from './service.js';
export {pullPolicyFor, imageTag} from './container.js';
export {qosClass} from './pod.js';
export {jobLabels} from './job.js';
export {templateGenerationAnnotation} from './daemonset.js';
