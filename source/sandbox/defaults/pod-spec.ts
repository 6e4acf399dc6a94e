/**
 * Defaults shared by Pods and every pod template (SetDefaults_PodSpec): restart and DNS policy, scheduler,
 * an empty security context, the grace period, and the per-container and per-volume defaults.
 */
import {defaultContainer} from './container.js';
import {type Fields, ensure, isFields, records, setDefault} from './fields.js';
import {canonicaliseResourceList} from './quantities.js';
import {defaultVolume} from './volumes.js';

/** Defaults a PodSpec in place. */
export function defaultPodSpec(spec: Fields): void {
	setDefault(spec, 'dnsPolicy', 'ClusterFirst');
	setDefault(spec, 'restartPolicy', 'Always');
	setDefault(spec, 'schedulerName', 'default-scheduler');
	setDefault(spec, 'securityContext', {});
	setDefault(spec, 'terminationGracePeriodSeconds', 30);
	for (const container of allContainers(spec)) defaultContainer(container);
	for (const volume of records(spec.volumes)) defaultVolume(volume);
	canonicaliseResourceList(spec.overhead);
	if (spec.hostNetwork === true) {
		// With the host's network, a container port is the host port.
		for (const container of allContainers(spec)) {
			for (const port of records(container.ports)) setDefault(port, 'hostPort', port.containerPort);
		}
	}
}

/**
 * Defaults a PodTemplateSpec in place. Its metadata always carries `creationTimestamp: null`: the Go
 * ObjectMeta's zero time serialises that way, and every live workload shows it.
 */
export function defaultPodTemplate(template: Fields): void {
	const metadata = ensure(template, 'metadata');
	if (metadata.creationTimestamp === undefined) metadata.creationTimestamp = null;
	defaultPodSpec(ensure(template, 'spec'));
}

/** Containers, init containers and ephemeral containers of a pod spec. */
export function allContainers(spec: Fields): Fields[] {
	return [...records(spec.initContainers), ...records(spec.containers), ...records(spec.ephemeralContainers)];
}

/** The template under `parent.template`, defaulted, when the parent has one. */
export function defaultTemplateOf(parent: unknown): void {
	if (isFields(parent)) defaultPodTemplate(ensure(parent, 'template'));
}
