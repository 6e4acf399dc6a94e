/** PersistentVolumeClaim defaults, for claims and StatefulSet volumeClaimTemplates alike. */
import {type Fields, ensure, setDefault} from './fields.js';
import {canonicaliseRequirements, canonicaliseResourceList} from './quantities.js';

/** Defaults a claim in place: volumeMode Filesystem, phase Pending, canonical storage sizes. */
export function defaultPersistentVolumeClaim(claim: Fields): void {
	const spec = ensure(claim, 'spec');
	setDefault(spec, 'volumeMode', 'Filesystem');
	canonicaliseRequirements(spec.resources);
	const status = ensure(claim, 'status');
	setDefault(status, 'phase', 'Pending');
	canonicaliseResourceList(status.capacity);
}
