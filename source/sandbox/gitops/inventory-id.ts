/** Flux inventory ids (`<namespace>_<name>_<group>_<Kind>`, colons in names as `__`) read back. */

/** Parses an inventory id; undefined when malformed. */
export function parseInventoryId(id: string): {namespace: string; name: string; group: string; kind: string} | undefined {
	const parts = id.split('_');
	if (parts.length < 4) return undefined;
	const kind = parts.pop()!;
	const group = parts.pop()!;
	const namespace = parts.shift()!;
	const name = parts.join('_').replaceAll('__', ':');
	return kind && name ? {namespace, name, group, kind} : undefined;
}
