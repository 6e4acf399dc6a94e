/**
 * The action dialog fed the event sequence the real engine emits for a rollback that hits field conflicts
 * (actions/runner.ts + execute.ts): `executing`, then `running` and a result per object, `waiting` while the pause
 * waits for the controller to be idle, conflicts on two Deployments, and `finished` whose objects are the engine's
 * own array. The fake screen-test runner emits a shorter sequence, so this pins the real one: after it, F is
 * offered and plans the same request again with force.
 */
import {describe, expect, it} from 'vitest';
import type {ActionEvent, ActionRequest, ObjectProgress} from '../../source/domain/action.js';
import {conflicted} from '../../source/state/action-dialog.js';
import {reducer} from '../../source/state/reducer.js';
import {initialState, type TuiState} from '../../source/state/tui-state.js';
import {key} from '../support/fake-action-runner.js';

const target = {app: 'shop', engine: 'flux' as const, context: 'prod-eu', namespace: 'flux-system'};
const request: ActionRequest = {kind: 'rollback', target, revision: 'c7652196ab2ae0eb1b3eebd85173bd30ddbfa123', timeoutMs: 120_000};
const keys = [
	key('Kustomization', 'kustomize.toolkit.fluxcd.io', 'flux-system', 'shop'),
	key('Namespace', '', '', 'shop'),
	key('Deployment', 'apps', 'shop', 'web'),
	key('Deployment', 'apps', 'shop', 'worker'),
];

/** What runner.ts and execute.ts emit, in order, the progress objects replaced (never mutated) in one array. */
function realSequence(): ActionEvent[] {
	const objects: ObjectProgress[] = keys.map(k => ({key: k, status: 'pending'}));
	const events: ActionEvent[] = [{stage: 'executing', objects: keys.map(k => ({key: k, status: 'pending'}))}];
	const update = (index: number, change: Partial<ObjectProgress>) => {
		objects[index] = {...objects[index]!, ...change};
		events.push({stage: 'progress', object: objects[index]!});
	};
	update(0, {status: 'running'});
	update(0, {status: 'done', message: 'patched'});
	events.push({stage: 'waiting', message: 'waiting for the run in flight to end before applying (Reconciling: reconciliation in progress)'});
	events.push({stage: 'waiting', message: 'waiting for the run in flight to end before applying (Ready Unknown (Progressing))'});
	update(1, {status: 'running'});
	update(1, {status: 'done', message: 'unchanged'});
	update(2, {status: 'running'});
	update(2, {status: 'conflict', message: 'conflict: .spec.template.spec.containers[name="web"].image owned by kubectl-edit (not forced)', conflicts: [{field: '.spec.template.spec.containers[name="web"].image', manager: 'kubectl-edit'}]});
	update(3, {status: 'running'});
	update(3, {status: 'conflict', message: 'conflict: .spec.replicas owned by kube-controller-manager (not forced)', conflicts: [{field: '.spec.replicas', manager: 'kube-controller-manager'}]});
	events.push({stage: 'finished', result: {request, outcome: 'failed', message: '2 write(s) failed', objects, journal: {seq: 1, hash: 'bef361a37dd4aa'}}});
	return events;
}

function confirmedRollback(): TuiState {
	const opened: TuiState = {...initialState({readOnly: false, columns: 80, rows: 24, canAct: true}), nextDialogId: 2};
	const dialog = {id: 1, appId: 'flux/prod-eu/flux-system/shop', kind: 'rollback' as const, target, title: 'roll back shop on prod-eu to c765219', stage: 'confirming' as const, request, confirm: {protectedContext: true, typed: 'prod-eu'}, answer: {confirmed: true, typed: 'prod-eu'}, progress: [], scroll: 0};
	return {...opened, dialog};
}

describe('the action dialog over the real engine sequence', () => {
	it('ends finished with both conflicts, offers F, and F plans the same request again with force', () => {
		const finished = realSequence().reduce<TuiState>((state, event) => reducer(state, {type: 'action-event', id: 1, event}), confirmedRollback());
		const dialog = finished.dialog!;
		expect(dialog.stage).toBe('finished');
		expect(dialog.progress.map(item => item.status)).toEqual(['done', 'done', 'conflict', 'conflict']);
		expect(conflicted(dialog)).toBe(true);
		const retried = reducer(finished, {type: 'command-invoked', command: 'force-retry'});
		expect(retried.dialog).toMatchObject({id: 2, stage: 'starting', force: true, request, progress: []});
		expect(conflicted(retried.dialog!)).toBe(false);
	});
});
