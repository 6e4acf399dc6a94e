/**
 * The kustomize fields of a Flux Kustomization's spec (`patches`, `images`, `components`, `namePrefix`,
 * `nameSuffix`), which kustomize-controller adds to the path's kustomization before building. Entries that do
 * not have the CRD's shape are dropped (the API server would have refused them). `commonMetadata` is not here:
 * Flux sets it on the built objects' metadata, which the app's decoration already does.
 */
import type {FluxKustomizeFields} from '../repo/render/flux-overlay.js';

const targetKeys = ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'];
const imageKeys = ['newName', 'newTag', 'digest'];

/** The fields the spec sets, or undefined when none is. */
export function fluxKustomizeFields(spec: Record<string, unknown>): FluxKustomizeFields | undefined {
	const fields: FluxKustomizeFields = {};
	const patches = records(spec.patches).flatMap(item => {
		if (typeof item.patch !== 'string') return [];
		const target = strings(item.target, targetKeys);
		return [Object.keys(target).length > 0 ? {patch: item.patch, target} : {patch: item.patch}];
	});
	if (patches.length > 0) fields.patches = patches;
	const images = records(spec.images).flatMap(item => (typeof item.name === 'string' && item.name ? [{name: item.name, ...strings(item, imageKeys)}] : []));
	if (images.length > 0) fields.images = images;
	const components = (Array.isArray(spec.components) ? spec.components : []).filter((item): item is string => typeof item === 'string' && item !== '');
	if (components.length > 0) fields.components = components;
	if (typeof spec.namePrefix === 'string' && spec.namePrefix) fields.namePrefix = spec.namePrefix;
	if (typeof spec.nameSuffix === 'string' && spec.nameSuffix) fields.nameSuffix = spec.nameSuffix;
	return Object.keys(fields).length > 0 ? fields : undefined;
}

function records(value: unknown): Array<Record<string, unknown>> {
	return (Array.isArray(value) ? value : []).filter((item): item is Record<string, unknown> => Boolean(item) && typeof item === 'object');
}

/** The named string fields of an object that has them. */
function strings(value: unknown, keys: readonly string[]): Record<string, string> {
	if (!value || typeof value !== 'object') return {};
	const record = value as Record<string, unknown>;
	return Object.fromEntries(keys.filter(key => typeof record[key] === 'string' && record[key] !== '').map(key => [key, record[key] as string]));
}
