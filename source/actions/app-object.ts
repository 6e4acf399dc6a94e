/**
 * Reads the app's own object (Kustomization, HelmRelease, Application) whole from its controller's context, the
 * starting point of every Flux and Argo CD action.
 */
import type {ObjectRef} from '../cluster/writes.js';
import {readObject} from '../cluster/read-object.js';
import type {KubeObject} from '../domain/kube-object.js';
import {appObjectRef} from '../engines/app-writes.js';
import type {SpecInput} from './action-spec.js';

/** The app object and where it lives, or why it cannot be read. */
export async function readAppObject(input: SpecInput): Promise<{ok: true; object: KubeObject; ref: ObjectRef; context: string} | {ok: false; message: string}> {
	const definition = input.located.app.definition;
	const ref = appObjectRef(definition);
	if (!ref) return {ok: false, message: `${definition.name} is a plain app: it has no app object`};
	const context = definition.controllerContext;
	const client = input.client(context);
	if (!client) return {ok: false, message: `context ${context} has no usable client`};
	const read = await readObject(client, ref);
	if (!read.ok) return {ok: false, message: `cannot read ${ref.kind} ${ref.namespace}/${ref.name} on ${context}: ${read.error.message}`};
	return {ok: true, object: read.value, ref, context};
}

/** The Git outage warning for reconcile: our fetch failed or the controller reports its source failing. */
export function gitOutageWarning(input: SpecInput): string | undefined {
	const state = input.deps.repo?.getState();
	const source = input.located.app.definition.controller.source;
	if (state?.reachable === false) {
		return `Git outage: the repository cannot be fetched (${state.lastError?.message ?? 'unreachable'}); the controller cannot fetch either, so it can only re-apply the revision it already has`;
	}
	if (source && !source.ready) return `the controller reports its source failing (${source.message ?? 'not ready'}): it cannot fetch either, so it can only re-apply the revision it already has`;
	return undefined;
}
