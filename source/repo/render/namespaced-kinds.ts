/**
 * Whether a kind is namespaced: the cluster's discovery decides (passed in as a callback); this table
 * answers for well-known kinds when discovery is not at hand (no cluster, a CRD not yet installed).
 * A kind nobody knows counts as namespaced, as kustomize counts it.
 */
import type {IsNamespaced} from '../../domain/resource-key.js';

/** Well-known cluster-scoped kinds, as `group/Kind` (core group empty). */
const clusterScoped = new Set([
	'/Namespace',
	'/Node',
	'/PersistentVolume',
	'/ComponentStatus',
	'rbac.authorization.k8s.io/ClusterRole',
	'rbac.authorization.k8s.io/ClusterRoleBinding',
	'apiextensions.k8s.io/CustomResourceDefinition',
	'apiregistration.k8s.io/APIService',
	'storage.k8s.io/StorageClass',
	'storage.k8s.io/CSIDriver',
	'storage.k8s.io/CSINode',
	'storage.k8s.io/VolumeAttachment',
	'scheduling.k8s.io/PriorityClass',
	'node.k8s.io/RuntimeClass',
	'networking.k8s.io/IngressClass',
	'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
	'admissionregistration.k8s.io/MutatingWebhookConfiguration',
	'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
	'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
	'certificates.k8s.io/CertificateSigningRequest',
	'flowcontrol.apiserver.k8s.io/FlowSchema',
	'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
	'policy/PodSecurityPolicy',
	'cert-manager.io/ClusterIssuer',
]);

/**
 * True when objects of this kind live in a namespace: the callback's answer when it has one, else the
 * built-in table, else true.
 */
export function isNamespacedKind(group: string, kind: string, lookup?: IsNamespaced): boolean {
	const answer = lookup?.(group, kind);
	if (answer !== undefined) return answer;
	return !clusterScoped.has(`${group}/${kind}`);
}
