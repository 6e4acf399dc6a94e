/**
 * An app's desired state at one revision: each source rendered from the materialised tree (directory,
 * kustomization or chart), post-processed as its controller would. Anything that stops a faithful render — no
 * repository, a source elsewhere, a YAML error, a missing tool — is a failed desired state with the reason, which
 * pairing never turns into Extra.
 */
import type {KubeObject} from '../domain/kube-object.js';
import type {DesiredState} from '../domain/pairing.js';
import type {IsNamespaced} from '../domain/resource-key.js';
import {renderPath, type RenderRequest, type RenderResult, type RenderTools, type RenderedObject} from '../repo/render/index.js';
import {maskSecretValues} from '../domain/secret-text.js';
import type {AppDefinition, AppSource} from './engine.js';

/** The tree every app is rendered from, or why there is none. */
export type DesiredTree = {ok: true; sha: string; dir: string} | {ok: false; kind: string; message: string};

/** What rendering an app gave. */
export type DesiredResult = {
	state: DesiredState;
	/** With file and line, for messages and the diff view. */
	rendered: RenderedObject[];
	/** Render notes and warnings (non-Kubernetes documents skipped, YAML 1.1 booleans), each one line. */
	notes: string[];
};

/** Reads the variables of a Flux `substituteFrom` entry (a ConfigMap's or Secret's data, decoded). */
export type VariablesSource = (
	app: AppDefinition,
	entry: {kind: 'ConfigMap' | 'Secret'; name: string; optional: boolean},
) => Promise<{ok: true; variables: Record<string, string>} | {ok: false; message: string}>;

export type RenderAppOptions = {
	tree: DesiredTree;
	tools: RenderTools;
	isNamespaced?: IsNamespaced;
	variablesFrom?: VariablesSource;
	/** Injected in tests; renderPath by default. */
	render?: (request: RenderRequest) => Promise<RenderResult>;
};

/** Renders every source of an app and joins them. */
export async function renderApp(app: AppDefinition, options: RenderAppOptions): Promise<DesiredResult> {
	// With no repository at all, every source is "not the loaded repository": say what is missing instead.
	if (!options.tree.ok && options.tree.kind === 'no-repo') return failed(options.tree.kind, options.tree.message);
	if (app.sourceProblem) return failed('source', `desired state not rendered: ${app.sourceProblem}`);
	if (!options.tree.ok) return failed(options.tree.kind, options.tree.message);
	if (app.sources.length === 0) return failed('source', 'the app names no source to render');
	const render = options.render ?? renderPath;
	const rendered: RenderedObject[] = [];
	const notes: string[] = [];
	const emptyNotes: string[] = [];
	for (const source of app.sources) {
		const request = await requestFor(app, source, options);
		if (!request.ok) return failed('substitute', request.message);
		const result = await render(request.request);
		// A substitution error can quote a variable read from a Secret: never shown or stored.
		if (!result.ok) return failed(result.error.kind, maskSecretValues(renderMessage(source, result.error.message), request.secretValues));
		rendered.push(...result.objects);
		for (const note of result.notes) notes.push(note.file ? `${note.file}${note.line ? `:${note.line}` : ''}: ${note.message}` : note.message);
		for (const note of result.notes) if (note.kind === 'empty-render') emptyNotes.push(note.message);
		for (const warning of result.warnings) notes.push(warning.message);
	}

	const objects: KubeObject[] = rendered.map(item => item.object);
	// An empty render names its path in every output (JSON included), not only in the table's notes.
	const emptyReason = objects.length === 0 ? emptyNotes.join('; ') : '';
	return {state: {ok: true, objects, ...(emptyReason ? {emptyReason} : {})}, rendered, notes};
}

async function requestFor(
	app: AppDefinition,
	source: AppSource,
	options: RenderAppOptions,
): Promise<{ok: true; request: RenderRequest; secretValues: string[]} | {ok: false; message: string}> {
	const tree = options.tree as Extract<DesiredTree, {ok: true}>;
	const request: RenderRequest = {root: tree.dir, path: source.path || '.', tools: options.tools};
	const secretValues: string[] = [];
	if (source.kind) request.kind = source.kind;
	if (source.recurse !== undefined) request.recurse = source.recurse;
	if (source.helm) request.helm = source.helm;
	if (source.argo) request.argo = source.argo;
	if (options.isNamespaced) request.isNamespaced = options.isNamespaced;
	if (source.flux) {
		const variables: Record<string, unknown> = {};
		for (const entry of source.flux.substituteFrom ?? []) {
			if (!options.variablesFrom) return {ok: false, message: `postBuild.substituteFrom ${entry.kind} ${entry.name} cannot be read here`};
			const read = await options.variablesFrom(app, entry);
			if (!read.ok) {
				if (entry.optional) continue;
				return {ok: false, message: `postBuild.substituteFrom ${entry.kind} ${app.namespace}/${entry.name}: ${read.message}`};
			}

			Object.assign(variables, read.variables);
			if (entry.kind === 'Secret') secretValues.push(...Object.values(read.variables));
		}

		// `substitute` wins over `substituteFrom`, as in kustomize-controller.
		Object.assign(variables, source.flux.variables ?? {});
		request.flux = {
			...(Object.keys(variables).length > 0 ? {variables} : {}),
			...(source.flux.targetNamespace ? {targetNamespace: source.flux.targetNamespace} : {}),
			...(source.flux.kustomize ? {kustomize: source.flux.kustomize} : {}),
		};
	}

	return {ok: true, request, secretValues};
}

function renderMessage(source: AppSource, message: string): string {
	const where = source.path ? source.path : 'the repository root';
	return message.includes(where) ? message : `${message} (rendering ${where})`;
}

function failed(kind: string, message: string): DesiredResult {
	return {state: {ok: false, error: {kind, message}}, rendered: [], notes: []};
}
