/** DaemonSet defaults (apps/v1 SetDefaults_DaemonSet, plus what the registry stamps on create). */
import type {KubeObject} from '../../domain/kube-object.js';
import {ensure, setDefault} from './fields.js';
import {defaultTemplateOf} from './pod-spec.js';

/** The annotation the registry keeps the template generation in. */
export const templateGenerationAnnotation = 'deprecated.daemonset.template.generation';

/** Defaults a DaemonSet in place: RollingUpdate with maxUnavailable 1 and maxSurge 0, history limit 10. */
export function defaultDaemonSet(daemonSet: KubeObject): void {
	const spec = ensure(daemonSet, 'spec');
	const strategy = ensure(spec, 'updateStrategy');
	setDefault(strategy, 'type', 'RollingUpdate');
	if (strategy.type === 'RollingUpdate') {
		const rolling = ensure(strategy, 'rollingUpdate');
		setDefault(rolling, 'maxUnavailable', 1);
		setDefault(rolling, 'maxSurge', 0);
	}
	setDefault(spec, 'revisionHistoryLimit', 10);
	defaultTemplateOf(spec);
	// The registry stamps the template generation on create and bumps it with the template; without the old
	// object at hand, the sandbox mirrors metadata.generation when the annotation is missing.
	const annotations = (daemonSet.metadata.annotations ??= {});
	setDefault(annotations, templateGenerationAnnotation, String(daemonSet.metadata.generation ?? 1));
	// These DaemonSetStatus counters are not omitempty: a fresh status shows them as 0.
	const status = ensure(daemonSet, 'status');
	for (const key of ['currentNumberScheduled', 'desiredNumberScheduled', 'numberMisscheduled', 'numberReady']) setDefault(status, key, 0);
}

/**
 * The registry's PrepareForUpdate: a new pod template bumps the template generation the annotation carries
 * (apps/v1 keeps DaemonSetSpec.TemplateGeneration there); an update that drops the annotation keeps the
 * stored one, as the server owns it.
 */
export function stampTemplateGeneration(live: KubeObject, after: KubeObject): void {
	if (live.apiVersion !== 'apps/v1' || live.kind !== 'DaemonSet') return;
	const stored = live.metadata.annotations?.[templateGenerationAnnotation] ?? String(live.metadata.generation ?? 1);
	const template = (object: KubeObject) => JSON.stringify((object['spec'] as {template?: unknown} | undefined)?.template ?? null);
	const value = template(live) === template(after) ? stored : String(Number(stored) + 1);
	after.metadata.annotations = {...after.metadata.annotations, [templateGenerationAnnotation]: value};
}
