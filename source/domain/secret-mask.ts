import type {FieldPath} from './field-paths.js';
import type {KubeObject} from './kube-object.js';
import {lastAppliedAnnotation} from './normalise.js';

/** What a masked Secret value is replaced with: no digest, no length, nothing derived from the value. */
export const maskedValue = '(masked)';
/** Masked values of a key that differs, so a text diff still shows which keys changed. */
export const maskedDesiredValue = '(masked: desired value)';
export const maskedLiveValue = '(masked: live value)';

/** True for core-group Secrets. */
export function isSecret(object: KubeObject | undefined): boolean {
	return object?.kind === 'Secret' && object.apiVersion === 'v1';
}

/**
 * A copy of a Secret with every `data` and `stringData` value replaced by a placeholder and the last-applied
 * annotation (which holds the values too) removed. Other objects are returned unchanged.
 */
export function maskSecret(object: KubeObject): KubeObject {
	if (!isSecret(object)) return object;
	const masked = stripLastApplied(object);
	for (const field of ['data', 'stringData'] as const) {
		const values = object[field];
		if (values && typeof values === 'object') {
			masked[field] = Object.fromEntries(Object.keys(values).map(key => [key, maskedValue]));
		}
	}

	return masked;
}

/**
 * Masks both sides of a Secret pair for display. The desired `stringData` is folded into `data` (as the server
 * stores it) so keys line up; keys whose values differ get distinct placeholders on each side, equal ones the
 * same placeholder. Values themselves never leave this function.
 */
export function maskSecretPair(desired: KubeObject | undefined, live: KubeObject | undefined): {desired?: KubeObject; live?: KubeObject} {
	if (!isSecret(desired ?? live)) return {desired, live};
	const desiredData = desired ? effectiveData(desired) : {};
	const liveData = live ? effectiveData(live) : {};
	const maskSide = (object: KubeObject | undefined, own: Record<string, string>, other: Record<string, string>, changed: string) => {
		if (!object) return undefined;
		const masked = stripLastApplied(object);
		delete masked.stringData;
		if (Object.keys(own).length > 0 || object.data !== undefined) {
			masked.data = Object.fromEntries(
				Object.entries(own).map(([key, value]) => [key, key in other && other[key] !== value ? changed : maskedValue]),
			);
		}

		return masked;
	};

	return {
		desired: maskSide(desired, desiredData, liveData, maskedDesiredValue),
		live: maskSide(live, liveData, desiredData, maskedLiveValue),
	};
}

/** The `.data.<key>` paths whose values differ between a desired Secret and live; keys live adds are not drift. */
export function secretDataPaths(desired: KubeObject, live: KubeObject): FieldPath[] {
	const desiredData = effectiveData(desired);
	const liveData = effectiveData(live);
	return Object.keys(desiredData)
		.filter(key => (desiredData[key] ?? '') !== (liveData[key] ?? ''))
		.map(key => [
			{kind: 'field', name: 'data'},
			{kind: 'field', name: key},
		]);
}

/** `data` with `stringData` encoded into it, as the apiserver stores a Secret (stringData wins). */
export function effectiveData(secret: KubeObject): Record<string, string> {
	const data: Record<string, string> = {};
	for (const [key, value] of Object.entries(asStringMap(secret.data))) data[key] = value;
	for (const [key, value] of Object.entries(asStringMap(secret.stringData))) data[key] = encodeBase64(value);
	return data;
}

/** Standard base64 of the UTF-8 bytes of `text` (no Buffer: the domain stays platform-neutral). */
export function encodeBase64(text: string): string {
	const bytes = new TextEncoder().encode(text);
	let binary = '';
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary);
}

function stripLastApplied(object: KubeObject): KubeObject {
	const copy: KubeObject = {...object, metadata: {...object.metadata}};
	const annotations = object.metadata?.annotations;
	if (annotations && lastAppliedAnnotation in annotations) {
		const {[lastAppliedAnnotation]: _dropped, ...rest} = annotations;
		copy.metadata.annotations = rest;
	}

	return copy;
}

function asStringMap(value: unknown): Record<string, string> {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
	return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, typeof item === 'string' ? item : String(item ?? '')]));
}
