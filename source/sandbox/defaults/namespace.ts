/** Defaults for the small core kinds: Namespace, Secret, ServiceAccount. */
import type {KubeObject} from '../../domain/kube-object.js';
import {ensure, isFields, setDefault} from './fields.js';

/** Namespace: the `kubernetes` finalizer, the name label the server enforces, phase Active. */
export function defaultNamespace(namespace: KubeObject): void {
	setDefault(ensure(namespace, 'spec'), 'finalizers', ['kubernetes']);
	// The server always sets this label to the name, overwriting whatever a client sent.
	namespace.metadata.labels = {...namespace.metadata.labels, 'kubernetes.io/metadata.name': namespace.metadata.name ?? ''};
	setDefault(ensure(namespace, 'status'), 'phase', 'Active');
}

/**
 * Secret: type Opaque, and stringData folded into data as base64, as the server's conversion does; stored
 * Secrets never carry stringData. Values are copied, never logged.
 */
export function defaultSecret(secret: KubeObject): void {
	setDefault(secret, 'type', 'Opaque');
	if (!isFields(secret.stringData)) return;
	const data: Record<string, unknown> = isFields(secret.data) ? secret.data : {};
	for (const [key, value] of Object.entries(secret.stringData)) {
		if (typeof value === 'string') data[key] = Buffer.from(value, 'utf8').toString('base64');
	}
	secret.data = data;
	delete secret.stringData;
}

/** ServiceAccount: nothing since v1.24 (token Secrets are no longer created); kept so the kind is accounted for. */
export function defaultServiceAccount(_serviceAccount: KubeObject): void {}
