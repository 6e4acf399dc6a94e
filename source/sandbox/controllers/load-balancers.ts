/**
 * Load-balancer addresses: LoadBalancer Services get one from the service controller (with its
 * EnsuringLoadBalancer/EnsuredLoadBalancer events), Ingresses one from the ingress controller. Both arrive a
 * moment after the object, as on a real cluster.
 */
import type {KubeObject} from '../../domain/kube-object.js';
import {fnv32a} from '../defaults/hash.js';
import type {Controller} from './controller.js';
import {type EventSource, sources} from './events.js';
import {isKind, type KindRef, kinds} from './kinds.js';
import {keyOf, splitKey} from './owners.js';
import type {Runtime} from './runtime.js';
import {stableStringify} from './template-hash.js';

type Ingress = {ip?: string; hostname?: string; ipMode?: string};

/** The ingress controller's own address, shared by every Ingress it serves. */
export const ingressAddress = '172.18.255.200';

/** Creates the service controller (LoadBalancer Services only). */
export function createServiceLoadBalancerController(runtime: Runtime): Controller {
	return addressController(runtime, {
		name: 'service-lb',
		kind: kinds.service,
		source: sources.service,
		wants: service => (service.spec as {type?: string} | undefined)?.type === 'LoadBalancer',
		address(service) {
			const requested = (service.spec as {loadBalancerIP?: string}).loadBalancerIP;
			return {ip: requested || `172.18.255.${201 + (fnv32a(keyOf(service)) % 50)}`, ipMode: 'VIP'};
		},
		before: {reason: 'EnsuringLoadBalancer', message: 'Ensuring load balancer'},
		after: {reason: 'EnsuredLoadBalancer', message: 'Ensured load balancer'},
		removed: {reason: 'DeletedLoadBalancer', message: 'Deleted load balancer'},
	});
}

/** Creates the ingress controller. */
export function createIngressController(runtime: Runtime): Controller {
	return addressController(runtime, {
		name: 'ingress',
		kind: kinds.ingress,
		source: sources.ingress,
		wants: () => true,
		address: () => ({ip: ingressAddress}),
		after: {reason: 'Sync', message: 'Scheduled for sync'},
	});
}

type Message = {reason: string; message: string};
type AddressOptions = {
	name: string;
	kind: KindRef;
	source: EventSource;
	wants(object: KubeObject): boolean;
	address(object: KubeObject): Ingress;
	before?: Message;
	after: Message;
	removed?: Message;
};

function addressController(runtime: Runtime, options: AddressOptions): Controller {
	const due = new Map<string, {uid: string | undefined; at: number}>();
	const record = (object: KubeObject, message: Message) => runtime.events.record(object, {type: 'Normal', ...message, source: options.source});
	return {
		name: options.name,
		primary: options.kind,
		keysFor(event) {
			if (!isKind(event.object, options.kind)) return [];
			if (event.type === 'DELETED') {
				due.delete(keyOf(event.object));
				return [];
			}
			return [keyOf(event.object)];
		},
		reconcile(key) {
			const {namespace, name} = splitKey(key);
			const object = runtime.get(options.kind, namespace, name);
			if (!object) return;
			const current = ((object.status as {loadBalancer?: {ingress?: Ingress[]}} | undefined)?.loadBalancer?.ingress) ?? [];
			if (!options.wants(object)) {
				due.delete(key);
				if (current.length > 0) {
					runtime.updateStatus(object, {...(object.status as object), loadBalancer: {}}, options.source.manager);
					if (options.removed) record(object, options.removed);
				}
				return;
			}
			const wanted = [options.address(object)];
			if (stableStringify(current) === stableStringify(wanted)) return;
			const now = runtime.now().getTime();
			let entry = due.get(key);
			if (!entry || entry.uid !== object.metadata.uid) {
				entry = {uid: object.metadata.uid, at: now + runtime.delays.loadBalancer};
				due.set(key, entry);
				if (options.before) record(object, options.before);
			}
			if (now < entry.at) {
				runtime.queue.enqueue(options.name, key, entry.at - now);
				return;
			}
			due.delete(key);
			if (runtime.updateStatus(object, {...(object.status as object), loadBalancer: {ingress: wanted}}, options.source.manager)) record(object, options.after);
		},
	};
}
