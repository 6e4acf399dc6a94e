/** StatefulSet defaults (apps/v1 SetDefaults_StatefulSet, v1.30 feature gates). */
import type {KubeObject} from '../../domain/kube-object.js';
import {ensure, records, setDefault} from './fields.js';
import {defaultPersistentVolumeClaim} from './persistent-volume-claim.js';
import {defaultTemplateOf} from './pod-spec.js';

/** Defaults a StatefulSet in place, including each volumeClaimTemplate as a full PVC object. */
export function defaultStatefulSet(statefulSet: KubeObject): void {
	const spec = ensure(statefulSet, 'spec');
	setDefault(spec, 'podManagementPolicy', 'OrderedReady');
	const strategy = ensure(spec, 'updateStrategy');
	setDefault(strategy, 'type', 'RollingUpdate');
	if (strategy.type === 'RollingUpdate') setDefault(ensure(strategy, 'rollingUpdate'), 'partition', 0);
	// StatefulSetAutoDeletePVC is on by default since v1.27: the policy is always filled in.
	const retention = ensure(spec, 'persistentVolumeClaimRetentionPolicy');
	setDefault(retention, 'whenDeleted', 'Retain');
	setDefault(retention, 'whenScaled', 'Retain');
	setDefault(spec, 'replicas', 1);
	setDefault(spec, 'revisionHistoryLimit', 10);
	defaultTemplateOf(spec);
	for (const claim of records(spec.volumeClaimTemplates)) {
		setDefault(claim, 'apiVersion', 'v1');
		setDefault(claim, 'kind', 'PersistentVolumeClaim');
		const metadata = ensure(claim, 'metadata');
		if (metadata.creationTimestamp === undefined) metadata.creationTimestamp = null;
		defaultPersistentVolumeClaim(claim);
	}
	// replicas and availableReplicas are not omitempty in StatefulSetStatus.
	const status = ensure(statefulSet, 'status');
	setDefault(status, 'replicas', 0);
	setDefault(status, 'availableReplicas', 0);
}
