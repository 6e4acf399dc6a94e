/**
 * Per-container defaults (SetDefaults_Container and the types it holds): image pull policy, termination
 * message, port protocols, probe timings, downward-API field selectors, canonical resource quantities.
 */
import {type Fields, ensure, field, isFields, records, setDefault} from './fields.js';
import {canonicaliseField, canonicaliseRequirements} from './quantities.js';

/** Defaults one container (or init/ephemeral container) in place. */
export function defaultContainer(container: Fields): void {
	setDefault(container, 'imagePullPolicy', pullPolicyFor(container.image));
	setDefault(container, 'terminationMessagePath', '/dev/termination-log');
	setDefault(container, 'terminationMessagePolicy', 'File');
	// ResourceRequirements is a struct, not a pointer: it always serialises, as `{}` when empty.
	canonicaliseRequirements(ensure(container, 'resources'));
	for (const port of records(container.ports)) setDefault(port, 'protocol', 'TCP');
	for (const key of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
		const probe = field(container, key);
		if (probe) defaultProbe(probe);
	}
	const lifecycle = field(container, 'lifecycle');
	for (const key of ['postStart', 'preStop']) {
		const handler = lifecycle && field(lifecycle, key);
		if (handler) defaultHandler(handler);
	}
	for (const variable of records(container.env)) {
		const source = field(variable, 'valueFrom');
		if (source) defaultFieldSelectors(source);
	}
}

/** `Always` for `:latest` or an untagged, undigested image; otherwise `IfNotPresent` (parsers.ParseImageName). */
export function pullPolicyFor(image: unknown): 'Always' | 'IfNotPresent' {
	return typeof image === 'string' && imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
}

/** The tag an image reference names: `latest` when it names neither tag nor digest, '' for digest only. */
export function imageTag(image: string): string {
	const at = image.indexOf('@');
	const name = at === -1 ? image : image.slice(0, at);
	const lastSlash = name.lastIndexOf('/');
	const colon = name.indexOf(':', lastSlash + 1);
	if (colon !== -1) return name.slice(colon + 1);
	return at === -1 ? 'latest' : '';
}

/** fieldRef.apiVersion and resourceFieldRef.divisor, wherever a downward-API selector appears. */
export function defaultFieldSelectors(source: Fields): void {
	const fieldRef = field(source, 'fieldRef');
	if (fieldRef) setDefault(fieldRef, 'apiVersion', 'v1');
	const resourceRef = field(source, 'resourceFieldRef');
	if (resourceRef) {
		// The divisor is a Quantity struct: its zero value serialises as "0".
		setDefault(resourceRef, 'divisor', '0');
		canonicaliseField(resourceRef, 'divisor');
	}
}

function defaultProbe(probe: Fields): void {
	setDefault(probe, 'timeoutSeconds', 1);
	setDefault(probe, 'periodSeconds', 10);
	setDefault(probe, 'successThreshold', 1);
	setDefault(probe, 'failureThreshold', 3);
	defaultHandler(probe);
}

function defaultHandler(handler: Fields): void {
	const httpGet = handler.httpGet;
	if (!isFields(httpGet)) return;
	if (!httpGet.path) httpGet.path = '/';
	setDefault(httpGet, 'scheme', 'HTTP');
}
