/** ReplicaSet defaults (apps/v1 SetDefaults_ReplicaSet). */
import type {KubeObject} from '../../domain/kube-object.js';
import {ensure, setDefault} from './fields.js';
import {defaultTemplateOf} from './pod-spec.js';

/** Defaults a ReplicaSet in place: replicas 1, the template's defaults, `status.replicas` (not omitempty). */
export function defaultReplicaSet(replicaSet: KubeObject): void {
	const spec = ensure(replicaSet, 'spec');
	setDefault(spec, 'replicas', 1);
	defaultTemplateOf(spec);
	setDefault(ensure(replicaSet, 'status'), 'replicas', 0);
}
