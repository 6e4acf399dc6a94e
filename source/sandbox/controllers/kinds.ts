/** The kinds the simulated controllers read and write, by apiVersion and kind. */

/** An apiVersion/kind pair. */
export type KindRef = {apiVersion: string; kind: string};

/** Every kind the controllers touch; a kind the store does not serve is simply skipped. */
export const kinds = {
	deployment: {apiVersion: 'apps/v1', kind: 'Deployment'},
	replicaSet: {apiVersion: 'apps/v1', kind: 'ReplicaSet'},
	statefulSet: {apiVersion: 'apps/v1', kind: 'StatefulSet'},
	daemonSet: {apiVersion: 'apps/v1', kind: 'DaemonSet'},
	job: {apiVersion: 'batch/v1', kind: 'Job'},
	pod: {apiVersion: 'v1', kind: 'Pod'},
	service: {apiVersion: 'v1', kind: 'Service'},
	event: {apiVersion: 'v1', kind: 'Event'},
	persistentVolumeClaim: {apiVersion: 'v1', kind: 'PersistentVolumeClaim'},
	ingress: {apiVersion: 'networking.k8s.io/v1', kind: 'Ingress'},
	hpa: {apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler'},
} as const satisfies Record<string, KindRef>;

/** Whether an object is of a kind. */
export function isKind(object: {apiVersion: string; kind: string}, ref: KindRef): boolean {
	return object.apiVersion === ref.apiVersion && object.kind === ref.kind;
}

/** The one node the sandbox cluster has. */
export const nodeName = 'sandbox-node';
/** The node's address, as kind's first node has it. */
export const nodeIP = '172.18.0.2';
