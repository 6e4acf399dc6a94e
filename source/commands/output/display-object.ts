/**
 * An object as a diff shows it: Secrets masked (which keys differ, never values; the last-applied annotation,
 * which holds them too, removed), server-owned metadata and status left out, keys sorted.
 */
import type {KubeObject} from '../../domain/kube-object.js';
import {lastAppliedAnnotation, serverOwnedMetadata} from '../../domain/normalise.js';
import {maskSecretPair} from '../../domain/secret-mask.js';
import {toYaml} from '../../domain/text-diff.js';

/** Both sides of a pair as YAML text ('' for an absent side), masked together so changed keys line up. */
export function displayPair(live: KubeObject | undefined, merged: KubeObject | undefined): {live: string; merged: string} {
	const masked = maskSecretPair(merged, live);
	return {live: masked.live ? toYaml(displayable(masked.live)) : '', merged: masked.desired ? toYaml(displayable(masked.desired)) : ''};
}

function displayable(object: KubeObject): KubeObject {
	const {status: _status, ...rest} = object;
	const metadata: KubeObject['metadata'] = {};
	for (const [field, value] of Object.entries(object.metadata ?? {})) if (!serverOwnedMetadata.has(field)) metadata[field] = value;
	if (metadata.annotations && lastAppliedAnnotation in metadata.annotations) {
		const {[lastAppliedAnnotation]: _dropped, ...annotations} = metadata.annotations;
		metadata.annotations = annotations;
		if (Object.keys(annotations).length === 0) delete metadata.annotations;
	}

	return {...rest, metadata};
}
