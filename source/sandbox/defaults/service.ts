/**
 * Service defaults (SetDefaults_Service) and what the registry allocates on create: a cluster IP in
 * 10.96.0.0/12 and node ports in 30000-32767. The sandbox derives both from namespace/name instead of
 * allocating, so defaulting stays pure and an update without them gets the same values back.
 */
import type {KubeObject} from '../../domain/kube-object.js';
import {type Fields, ensure, records, setDefault} from './fields.js';
import {fnv32a} from './hash.js';

/** Defaults a Service in place. */
export function defaultService(service: KubeObject): void {
	const spec = ensure(service, 'spec');
	setDefault(spec, 'type', 'ClusterIP');
	setDefault(spec, 'sessionAffinity', 'None');
	if (spec.sessionAffinity === 'ClientIP') {
		setDefault(ensure(ensure(spec, 'sessionAffinityConfig'), 'clientIP'), 'timeoutSeconds', 10_800);
	}
	const identity = `${service.metadata.namespace ?? ''}/${service.metadata.name ?? ''}`;
	records(spec.ports).forEach((port, index) => defaultPort(port, spec.type, `${identity}/${index}`));
	if (spec.type !== 'ExternalName') {
		allocateClusterIP(spec, identity);
		setDefault(spec, 'internalTrafficPolicy', 'Cluster');
	}
	if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') setDefault(spec, 'externalTrafficPolicy', 'Cluster');
	if (spec.type === 'LoadBalancer') setDefault(spec, 'allocateLoadBalancerNodePorts', true);
	ensure(ensure(service, 'status'), 'loadBalancer');
}

/** The address the sandbox gives a Service: stable per namespace/name, inside 10.96.0.0/12. */
export function clusterIPFor(namespace: string, name: string): string {
	// Skip the first 16 addresses: 10.96.0.1 is the kubernetes Service and 10.96.0.10 is DNS on most clusters.
	const offset = 16 + (fnv32a(`${namespace}/${name}`) % ((1 << 20) - 32));
	return `10.${96 + (offset >>> 16)}.${(offset >>> 8) & 255}.${offset & 255}`;
}

function defaultPort(port: Fields, type: unknown, seed: string): void {
	setDefault(port, 'protocol', 'TCP');
	if (port.targetPort === undefined || port.targetPort === null || port.targetPort === 0 || port.targetPort === '') {
		port.targetPort = port.port;
	}
	if ((type === 'NodePort' || type === 'LoadBalancer') && !port.nodePort) port.nodePort = 30_000 + (fnv32a(seed) % 2768);
}

function allocateClusterIP(spec: Fields, identity: string): void {
	const ips = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : undefined;
	if ((spec.clusterIP === undefined || spec.clusterIP === '') && typeof ips?.[0] === 'string') spec.clusterIP = ips[0];
	if (spec.clusterIP === undefined || spec.clusterIP === null || spec.clusterIP === '') {
		const slash = identity.indexOf('/');
		spec.clusterIP = clusterIPFor(identity.slice(0, slash), identity.slice(slash + 1));
	}
	setDefault(spec, 'clusterIPs', [spec.clusterIP]);
	setDefault(spec, 'ipFamilies', ['IPv4']);
	// A headless Service without a selector asks for every family the cluster has; this one has IPv4 only.
	const headlessWithoutSelector = spec.clusterIP === 'None' && (spec.selector === undefined || Object.keys(spec.selector as object).length === 0);
	setDefault(spec, 'ipFamilyPolicy', headlessWithoutSelector ? 'RequireDualStack' : 'SingleStack');
}
