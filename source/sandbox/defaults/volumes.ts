/**
 * Volume source defaults (SetDefaults_Volume and friends): file modes 0644 (420), token lifetimes, an emptyDir
 * when no source is named, canonical size limits.
 */
import {defaultFieldSelectors} from './container.js';
import {type Fields, field, records, setDefault} from './fields.js';
import {canonicaliseField} from './quantities.js';

const defaultMode = 0o644;
const sourceKeys = new Set(['name']);

/** Defaults one entry of spec.volumes in place. */
export function defaultVolume(volume: Fields): void {
	if (Object.keys(volume).every(key => sourceKeys.has(key))) volume.emptyDir = {};
	for (const key of ['secret', 'configMap', 'downwardAPI', 'projected']) {
		const source = field(volume, key);
		if (source) setDefault(source, 'defaultMode', defaultMode);
	}
	const hostPath = field(volume, 'hostPath');
	if (hostPath) setDefault(hostPath, 'type', '');
	canonicaliseField(field(volume, 'emptyDir'), 'sizeLimit');
	const downward = field(volume, 'downwardAPI');
	if (downward) for (const item of records(downward.items)) defaultFieldSelectors(item);
	const projected = field(volume, 'projected');
	if (projected) for (const source of records(projected.sources)) defaultProjection(source);
}

function defaultProjection(source: Fields): void {
	const token = field(source, 'serviceAccountToken');
	if (token) setDefault(token, 'expirationSeconds', 3600);
	const downward = field(source, 'downwardAPI');
	if (downward) for (const item of records(downward.items)) defaultFieldSelectors(item);
}
