/**
 * An object as a diff shows it: Secrets masked (which keys differ, never values; the last-applied annotation,
 * which holds them too, removed), server-written fields (domain/server-written.ts) and status left out, keys sorted.
 */
import type {KubeObject} from '../../domain/kube-object.js';
import {maskSecretPair} from '../../domain/secret-mask.js';
import {withoutServerWritten} from '../../domain/server-written.js';
import {toYaml} from '../../domain/text-diff.js';

/** Both sides of a pair as YAML text ('' for an absent side), masked together so changed keys line up. */
export function displayPair(live: KubeObject | undefined, merged: KubeObject | undefined): {live: string; merged: string} {
	const masked = maskSecretPair(merged, live);
	return {live: masked.live ? toYaml(displayable(masked.live)) : '', merged: masked.desired ? toYaml(displayable(masked.desired)) : ''};
}

function displayable(object: KubeObject): KubeObject {
	return withoutServerWritten(object);
}
