/**
 * What the controllers do to rendered objects before applying them, so our desired state is theirs:
 * Flux post-build substitution and `targetNamespace`, Argo CD's `destination.namespace`. Inputs are
 * never mutated: changed objects are copies.
 */
import {envsubst, fluxVariables, resolvePlainScalar, substitutionDisabled} from '../../domain/flux-substitute.js';
import {splitApiVersion, type KubeObject} from '../../domain/kube-object.js';
import type {IsNamespaced} from '../../domain/resource-key.js';
import {formatFieldPath} from '../../domain/yaml-warnings.js';
import {isNamespacedKind} from './namespaced-kinds.js';
import type {RenderError, RenderedObject, SubstitutableScalar} from './types.js';

export type FluxPostBuildOptions = {
	/**
	 * The variables: `spec.postBuild.substitute`, over those the caller read from `substituteFrom`
	 * ConfigMaps and Secrets. With none at all Flux substitutes nothing, and neither do we.
	 */
	variables?: Record<string, unknown>;
	/** Fail on a variable that is referenced, unset and has no default (Flux's strict feature gate). */
	strict?: boolean;
	targetNamespace?: string;
	isNamespaced?: IsNamespaced;
};

export type PostProcessResult = {ok: true; objects: RenderedObject[]} | {ok: false; error: RenderError};

/**
 * Flux's post-build: variables substituted in every object not opted out (label or annotation
 * `kustomize.toolkit.fluxcd.io/substitute: disabled`), then `targetNamespace` on every namespaced
 * object, and, as kustomize's namespace transformer does, as the name of any Namespace object.
 */
export function applyFluxPostBuild(objects: RenderedObject[], options: FluxPostBuildOptions): PostProcessResult {
	const variables = fluxVariables(options.variables);
	if (!variables.ok) return {ok: false, error: {kind: 'substitute', message: `postBuild.substitute: ${variables.error}`}};
	const vars = variables.vars;
	let result = objects;
	if (vars.size > 0) {
		result = [];
		for (const rendered of objects) {
			if (!rendered.substitutable?.length || substitutionDisabled(rendered.object)) {
				result.push(rendered);
				continue;
			}
			const substituted = substituteObject(rendered, name => vars.get(name), options.strict ?? false);
			if (!substituted.ok) return substituted;
			result.push(substituted.rendered);
		}
	}
	const target = options.targetNamespace;
	if (!target) return {ok: true, objects: result};
	const namespaces = result.filter(r => r.object.kind === 'Namespace' && splitApiVersion(r.object.apiVersion).group === '');
	if (namespaces.length > 1) {
		return {ok: false, error: {kind: 'namespace', message: `targetNamespace ${target} would rename ${namespaces.length} Namespace objects to the same name (kustomize refuses this)`}};
	}
	return {
		ok: true,
		objects: result.map(rendered => {
			const {group} = splitApiVersion(rendered.object.apiVersion);
			if (rendered.object.kind === 'Namespace' && group === '') return withMetadata(rendered, {name: target});
			return isNamespacedKind(group, rendered.object.kind, options.isNamespaced) ? withMetadata(rendered, {namespace: target}) : rendered;
		}),
	};
}

/** Argo CD: namespaced objects that name no namespace go to `destination.namespace`. */
export function applyArgoDestination(objects: RenderedObject[], options: {namespace?: string; isNamespaced?: IsNamespaced}): RenderedObject[] {
	const namespace = options.namespace;
	if (!namespace) return objects;
	return objects.map(rendered => {
		if (rendered.object.metadata?.namespace) return rendered;
		const {group} = splitApiVersion(rendered.object.apiVersion);
		return isNamespacedKind(group, rendered.object.kind, options.isNamespaced) ? withMetadata(rendered, {namespace}) : rendered;
	});
}

function withMetadata(rendered: RenderedObject, change: {name?: string; namespace?: string}): RenderedObject {
	return {...rendered, object: {...rendered.object, metadata: {...rendered.object.metadata, ...change}}};
}

/**
 * Substitutes one object's `$`-bearing strings. Flux works on the YAML text, so a plain scalar is
 * re-read after substitution (`replicas: ${N}` becomes a number) while a quoted one stays a string.
 * Values go first, then keys from the deepest up, so every path still points where it did.
 */
function substituteObject(
	rendered: RenderedObject,
	lookup: (name: string) => string | undefined,
	strict: boolean,
): {ok: true; rendered: RenderedObject} | {ok: false; error: RenderError} {
	const object = structuredClone(rendered.object) as KubeObject;
	// Values keep document order (so an error names the first bad one); keys follow, deepest first.
	const scalars = [...(rendered.substitutable ?? [])].sort((a, b) => Number(a.isKey) - Number(b.isKey) || (a.isKey ? b.path.length - a.path.length : 0));
	for (const scalar of scalars) {
		const expanded = envsubst(scalar.text, lookup, {strict});
		if (!expanded.ok) return {ok: false, error: substituteError(rendered, scalar, expanded.error)};
		if (expanded.value === scalar.text) continue;
		const parent = walk(object, scalar.path.slice(0, -1));
		const last = scalar.path.at(-1);
		if (parent === undefined || last === undefined) continue;
		if (scalar.isKey) {
			if (typeof last !== 'string' || Array.isArray(parent) || !(last in parent)) continue;
			const value = (parent as Record<string, unknown>)[last];
			delete (parent as Record<string, unknown>)[last];
			(parent as Record<string, unknown>)[expanded.value] = value;
		} else {
			(parent as Record<string | number, unknown>)[last] = scalar.plain ? resolvePlainScalar(expanded.value) : expanded.value;
		}
	}
	// The recorded texts describe the object before substitution; they must not be applied twice.
	const {substitutable: _done, ...rest} = rendered;
	return {ok: true, rendered: {...rest, object}};
}

function walk(root: unknown, path: Array<string | number>): object | undefined {
	let node: unknown = root;
	for (const segment of path) {
		if (typeof node !== 'object' || node === null) return undefined;
		node = (node as Record<string | number, unknown>)[segment];
	}
	return typeof node === 'object' && node !== null ? node : undefined;
}

function substituteError(rendered: RenderedObject, scalar: SubstitutableScalar, reason: string): RenderError {
	const file = rendered.file;
	const where = file ? `${file}:${scalar.line}` : `${rendered.object.kind}/${rendered.object.metadata.name}`;
	const error: RenderError = {kind: 'substitute', message: `${where}: ${formatFieldPath(scalar.path)}: variable substitution failed: ${reason}`};
	if (file) {
		error.file = file;
		error.line = scalar.line;
	}
	return error;
}
