/**
 * A plain app's pause flag as it is now (see plain-actions.ts): read from the app's context, with who paused,
 * why, since and until; and the refusal our own reconcile gives while it is set.
 */
import type {AutoSync} from '../domain/app.js';
import type {KubeObject} from '../domain/kube-object.js';
import {readPlainPauseFlag} from '../engines/plain-pause-flag.js';
import type {SpecInput} from './action-spec.js';

/** The flag when set, nothing when not, or why it could not be read. */
export type PlainPauseState = {ok: true; flag?: {object: KubeObject; pause: AutoSync}} | {ok: false; message: string};

/** Reads the flag of the located plain app. */
export async function readPlainPause(input: SpecInput): Promise<PlainPauseState> {
	const {definition} = input.located.app;
	const context = definition.context ?? definition.controllerContext;
	const client = input.client(context);
	if (!client) return {ok: false, message: `context ${context} has no usable client`};
	const read = await readPlainPauseFlag(client, definition);
	return read.ok ? read : {ok: false, message: read.message};
}

/** How a pause reads in a message: `paused by alice since … until …: reason`. */
export function describePause(pause: AutoSync): string {
	return `paused${pause.pausedBy ? ` by ${pause.pausedBy}` : ''}${pause.since ? ` since ${pause.since}` : ''}${pause.until ? ` until ${pause.until}` : ''}${pause.reason ? `: ${pause.reason}` : ''}`;
}
