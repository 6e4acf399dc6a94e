/**
 * The validation a real apiserver does that clients meet most often: object names, label keys
 * and values, and the workload invariants (selector present and matching the template labels,
 * containers with names and images). Returns causes for a 422 Invalid Status.
 */
import type {KubeObject} from '../domain/kube-object.js';

/** One invalid field, worded as the apiserver words it. */
export type ValidationCause = {field: string; message: string; reason: 'FieldValueInvalid' | 'FieldValueRequired'};

const subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const label1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const label1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const subdomainMessage =
	"a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const label1123Message =
	"a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const label1035Message =
	"a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const labelValue = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const labelValueMessage =
	"a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const qualifiedName = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const qualifiedNameMessage =
	"name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

/** `rendered` is the value as Go's %#v prints it; strings print quoted, like JSON. */
const invalidValue = (field: string, value: unknown, message: string, rendered = JSON.stringify(value)): ValidationCause => ({
	field,
	message: `Invalid value: ${rendered}: ${message}`,
	reason: 'FieldValueInvalid',
});
const required = (field: string, detail?: string): ValidationCause => ({field, message: detail ? `Required value: ${detail}` : 'Required value', reason: 'FieldValueRequired'});

/** Validates metadata.name for the kind: namespaces are RFC 1123 labels, services DNS-1035 labels. */
export function validateName(kind: string, name: string): ValidationCause[] {
	if (kind === 'Namespace') {
		if (name.length > 63) return [invalidValue('metadata.name', name, 'must be no more than 63 characters')];
		return label1123.test(name) ? [] : [invalidValue('metadata.name', name, label1123Message)];
	}
	if (kind === 'Service') {
		if (name.length > 63) return [invalidValue('metadata.name', name, 'must be no more than 63 characters')];
		return label1035.test(name) ? [] : [invalidValue('metadata.name', name, label1035Message)];
	}
	// RBAC objects only need a valid path segment (ValidatePathSegmentName): `system:controller:x` is fine.
	if (['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'].includes(kind)) {
		if (name === '.' || name === '..') return [invalidValue('metadata.name', name, `may not be '${name}'`)];
		const bad = ['/', '%'].find(character => name.includes(character));
		return bad ? [invalidValue('metadata.name', name, `may not contain '${bad}'`)] : [];
	}
	if (name.length > 253) return [invalidValue('metadata.name', name, 'must be no more than 253 characters')];
	return subdomain.test(name) ? [] : [invalidValue('metadata.name', name, subdomainMessage)];
}

function validateLabels(labels: unknown, field: string): ValidationCause[] {
	if (!labels || typeof labels !== 'object') return [];
	const causes: ValidationCause[] = [];
	for (const [key, value] of Object.entries(labels as Record<string, unknown>)) {
		const slash = key.lastIndexOf('/');
		const namePart = slash === -1 ? key : key.slice(slash + 1);
		const prefix = slash === -1 ? undefined : key.slice(0, slash);
		if (!qualifiedName.test(namePart) || namePart.length > 63 || (prefix !== undefined && !subdomain.test(prefix))) {
			causes.push(invalidValue(field, key, qualifiedNameMessage));
		}
		if (typeof value !== 'string' || !labelValue.test(value) || value.length > 63) causes.push(invalidValue(`${field}`, value, labelValueMessage));
	}
	return causes;
}

type PodTemplateHolder = {selector?: {matchLabels?: Record<string, string>}; template?: {metadata?: {labels?: Record<string, string>}; spec?: {containers?: unknown}}};

function validateContainers(containers: unknown, field: string): ValidationCause[] {
	if (!Array.isArray(containers) || containers.length === 0) return [required(field)];
	return containers.flatMap((container: Record<string, unknown>, index) => {
		const causes: ValidationCause[] = [];
		if (!container?.['name']) causes.push(required(`${field}[${index}].name`));
		if (!container?.['image']) causes.push(required(`${field}[${index}].image`));
		return causes;
	});
}

function goMap(labels: Record<string, string>): string {
	const entries = Object.keys(labels)
		.sort()
		.map(key => `${JSON.stringify(key)}:${JSON.stringify(labels[key])}`);
	return `map[string]string{${entries.join(', ')}}`;
}

function validateWorkload(spec: PodTemplateHolder | undefined, needsSelector: boolean): ValidationCause[] {
	const causes: ValidationCause[] = [];
	const selector = spec?.selector?.matchLabels;
	const labels = spec?.template?.metadata?.labels ?? {};
	if (needsSelector && !spec?.selector) causes.push(required('spec.selector'));
	if (selector && Object.entries(selector).some(([key, value]) => labels[key] !== value)) {
		causes.push(invalidValue('spec.template.metadata.labels', labels, '`selector` does not match template `labels`', goMap(labels)));
	}
	causes.push(...validateContainers(spec?.template?.spec?.containers, 'spec.template.spec.containers'));
	return causes;
}

/** Every cause that makes the object invalid; empty when it may be stored. */
export function validateObject(object: KubeObject): ValidationCause[] {
	const causes: ValidationCause[] = [];
	if (object.metadata.name !== undefined) causes.push(...validateName(object.kind, object.metadata.name));
	causes.push(...validateLabels(object.metadata.labels, 'metadata.labels'));
	const spec = object['spec'] as Record<string, unknown> | undefined;
	if (object.apiVersion === 'apps/v1' && ['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].includes(object.kind)) {
		causes.push(...validateWorkload(spec as PodTemplateHolder, true));
	} else if (object.apiVersion === 'batch/v1' && object.kind === 'Job') {
		causes.push(...validateContainers((spec as PodTemplateHolder)?.template?.spec?.containers, 'spec.template.spec.containers'));
	} else if (object.apiVersion === 'v1' && object.kind === 'Pod') {
		causes.push(...validateContainers(spec?.['containers'], 'spec.containers'));
	}
	return causes;
}
