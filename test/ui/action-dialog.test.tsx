/**
 * The action dialog end to end through the real App, keyboard and store, with a fake engine that keeps the
 * stage contract: plan, permission refusal, confirmation (y, or the context typed), cancel, failure, the pause
 * form, rollback from the history, and read-only mode.
 */
import {afterEach, describe, expect, it} from 'vitest';
import type {AppStatus} from '../../source/domain/app.js';
import {fakeActionRunner, key, type FakeRunnerScript} from '../support/fake-action-runner.js';
import {fakeFleetSource} from '../support/fake-fleet-source.js';
import {seededFastDiff, startTui, type TuiHarnessOptions} from '../support/tui-harness.js';
import {seededSnapshot} from '../support/tui-snapshot.js';
import {waitFor} from '../support/wait-for.js';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

const history = {status: 'ready' as const, commits: [
	{sha: 'abc1234def', author: 'alice', date: '2026-11-20T10:00:00Z', subject: 'bump web to 1.25'},
	{sha: '0ld5ha0000', author: 'bob', date: '2026-11-18T10:00:00Z', subject: 'web 1.24'},
], deployed: {abc1234def: ['flux@prod-eu']}};

function start(script: FakeRunnerScript = {}, options: TuiHarnessOptions = {}) {
	const runner = fakeActionRunner(script);
	const source = fakeFleetSource({initial: seededSnapshot(), fastDiff: seededFastDiff, history, actions: runner});
	const tui = startTui({...options, source});
	unmount = tui.app.unmount;
	return {...tui, runner};
}

/** Moves the pointer to the row of the app on that context (the list is grouped: billing, checkout, payments, shop, └─ shop). */
async function select(tui: ReturnType<typeof start>, row: RegExp) {
	await tui.ready();
	for (let i = 0; i < 6 && !row.test(tui.screen().split('\n').find(line => line.startsWith('›')) ?? ''); i++) {
		const before = tui.screen();
		tui.press('j');
		await waitFor(() => tui.screen() !== before);
	}
	await tui.until(row);
}

const deploymentDiff = ['--- live/apps/Deployment/shop/web', '+++ after/apps/Deployment/shop/web', '@@ -1,3 +1,3 @@', '-        image: nginx:1.26', '+        image: nginx:1.25'].join('\n');

describe('acting from the TUI', () => {
	it('reconciles the selected app: plan, permission, y, progress, result and journal entry', async () => {
		const tui = start();
		await select(tui, /› shop\s+flux\s+prod-eu/);
		tui.press('R');
		const confirm = await tui.until('y confirms');
		expect(confirm).toContain('reconcile shop on prod-eu');
		expect(confirm).toContain('annotate reconcile.fluxcd.io/requestedAt');
		expect(confirm).toContain('permission: alice may do all 1 of it');
		expect(tui.runner.executed).toEqual([]);
		tui.press('y');
		const done = await tui.until('journal entry #1');
		expect(done).toContain('done: reconcile of shop done');
		expect(done).toMatch(/done\s+Kustomization flux-system\/shop/);
		expect(tui.runner.requests[0]).toEqual({kind: 'reconcile', target: {app: 'shop', engine: 'flux', context: 'prod-eu', namespace: 'shop'}, timeoutMs: 120_000});
		expect(tui.runner.answers).toEqual([{confirmed: true}]);
		tui.press('\u001B');
		await tui.until('reconcile shop on prod-eu: done: reconcile of shop done (journal #1)');
		expect(tui.screen()).toContain('NAME');
	});

	it('targets the group member under the pointer: shop on prod-us is its own app', async () => {
		const tui = start();
		await select(tui, /› \s*└─\s+flux\s+prod-us/);
		tui.press('S');
		await tui.until('reconcile shop on prod-us (with source)');
		expect(tui.runner.requests[0]).toMatchObject({kind: 'reconcile', withSource: true, target: {context: 'prod-us'}});
	});

	it('shows the exact diff of each object, scrollable with j/k', async () => {
		const objects = () => [
			{key: key('Deployment', 'apps', 'shop', 'web'), change: 'change' as const, diff: deploymentDiff},
			{key: key('ConfigMap', '', 'shop', 'settings'), change: 'create' as const, diff: Array.from({length: 30}, (_, i) => `+  line${i}: value`).join('\n')},
			{key: key('Secret', '', 'shop', 'old'), change: 'prune' as const, willPrune: false},
		];
		const tui = start({objects});
		await select(tui, /› shop\s+flux\s+prod-eu/);
		tui.press('R');
		const plan = await tui.until('y confirms');
		expect(plan).toContain('plan: 3 of 3 objects change');
		expect(plan).toMatch(/~ change\s+Deployment shop\/web/);
		expect(plan).toMatch(/- prune\s+Secret shop\/old \(kept: pruning not asked\)/);
		expect(plan).not.toContain('line29');
		tui.press('G');
		await tui.until('line29: value');
		tui.press('g');
		await tui.until('steps:');
		tui.press('\u001B');
	});

	it('greys out what the permission check refuses, with the reason, and writes nothing', async () => {
		const reason = 'viewer cannot patch kustomizations.kustomize.toolkit.fluxcd.io in flux-system';
		const tui = start({check: {identity: 'viewer', allowed: false, items: [{verb: 'patch', group: 'kustomize.toolkit.fluxcd.io', resource: 'kustomizations', namespace: 'flux-system', allowed: false, reason}]}});
		await select(tui, /› shop\s+flux\s+prod-eu/);
		tui.press('R');
		const refused = await tui.until('refused: the permission check refused it');
		expect(refused).toContain(`refused: ${reason}`);
		expect(refused).toMatch(/Kustomization flux-system\/shop.*\[refused\]/);
		expect(refused).toContain('viewer is refused 1 of 1; nothing will be written');
		expect(tui.runner.answers).toEqual([]);
		expect(tui.runner.executed).toEqual([]);
		tui.press('\u001B');
		await tui.until(/reconcile shop on prod-eu: refused/);
	});

	it('on a protected context asks for its name typed: y is not enough, a wrong name is refused', async () => {
		const tui = start({protectedContexts: ['prod-eu']});
		await select(tui, /› shop\s+flux\s+prod-eu/);
		tui.press('R');
		await tui.until('prod-eu is protected: type its name');
		tui.press('y');
		tui.press('\r');
		await tui.until('type prod-eu exactly to confirm');
		expect(tui.runner.answers).toEqual([]);
		tui.press('\u007f');
		tui.press('prod-eu');
		tui.press('\r');
		await tui.until('journal entry #1');
		expect(tui.runner.answers).toEqual([{confirmed: true, typed: 'prod-eu'}]);
		expect(tui.runner.executed).toHaveLength(1);
	});

	it('esc before execution cancels: the engine hears no, nothing is written', async () => {
		const tui = start();
		await select(tui, /› shop\s+flux\s+prod-eu/);
		tui.press('R');
		await tui.until('y confirms');
		tui.press('\u001B');
		await tui.until('reconcile shop on prod-eu: cancelled, nothing was written');
		await waitFor(() => tui.runner.answers.length === 1);
		expect(tui.runner.answers).toEqual([{confirmed: false}]);
		expect(tui.runner.executed).toEqual([]);
	});

	it('esc while planning aborts the run: no confirmation is ever asked', async () => {
		const tui = start({planUntil: new Promise<void>(() => undefined)});
		await select(tui, /› shop\s+flux\s+prod-eu/);
		tui.press('R');
		await tui.until('planning: rendering and comparing with live');
		tui.press('\u001B');
		await tui.until('reconcile shop on prod-eu: cancelled, nothing was written');
		await waitFor(() => tui.runner.aborted === 1);
		expect(tui.runner.answers).toEqual([]);
		expect(tui.runner.executed).toEqual([]);
	});

	it('reports a failure per object, with the fields and managers in conflict, and F plans it again with force', async () => {
		const objects = () => [
			{key: key('Deployment', 'apps', 'shop', 'web'), change: 'change' as const},
			{key: key('Service', '', 'shop', 'web-svc'), change: 'change' as const},
		];
		const tui = start({objects, failOn: {name: 'web', message: 'conflict with kubectl-edit', conflicts: [{field: '.spec.replicas', manager: 'kubectl-edit'}]}});
		await select(tui, /› shop\s+flux\s+prod-eu/);
		tui.press('R');
		await tui.until('y confirms');
		tui.press('y');
		const failed = await tui.until('failed: some objects were not written');
		expect(failed).toMatch(/conflict\s+Deployment shop\/web — conflict with kubectl-edit/);
		expect(failed).toContain('.spec.replicas is owned by kubectl-edit');
		expect(failed).toMatch(/done\s+Service shop\/web-svc/);
		tui.press('F');
		await tui.until('reconcile shop on prod-eu (force)');
		await tui.until('y confirms');
		tui.press('y');
		await tui.until('journal entry #2');
		expect(tui.runner.executed).toHaveLength(2);
		tui.press('\u001B');
		await tui.until(/reconcile shop on prod-eu \(force\): done/);
	});

	it('esc while it waits for the controller leaves the wait to the background; the result comes as a message', async () => {
		let release = () => undefined as void;
		const tui = start({waitUntil: new Promise<void>(resolve => (release = resolve))});
		await select(tui, /› shop\s+flux\s+prod-eu/);
		tui.press('R');
		await tui.until('y confirms');
		tui.press('y');
		await tui.until('waiting for the controller to report Ready');
		tui.press('\u001B');
		await tui.until('reconcile shop on prod-eu: written; waiting for the controller in the background');
		expect(tui.runner.aborted).toBe(0);
		release();
		await tui.until('reconcile shop on prod-eu: done: reconcile of shop done (journal #1)');
	});

	it('says so when the engine itself throws', async () => {
		const tui = start({throws: 'cluster connection reset'});
		await select(tui, /› shop\s+flux\s+prod-eu/);
		tui.press('R');
		await tui.until('failed: cluster connection reset');
	});

	it('pauses with a required reason and an optional duration, then tells the story in the row and the line under it', async () => {
		const tui = start({
			onExecute: request => {
				if (request.kind !== 'suspend') return;
				const snapshot = seededSnapshot();
				const apps = snapshot.apps.map((app): AppStatus =>
					app.name === 'shop' && app.context === 'prod-eu'
						? {...app, autoSync: {enabled: false, pausedBy: 'alice', reason: request.reason, since: new Date().toISOString(), ...(request.until ? {until: request.until} : {})}}
						: app,
				);
				tui.source.push({...snapshot, apps});
			},
		});
		await select(tui, /› shop\s+flux\s+prod-eu/);
		tui.press('P');
		await tui.until('reason (required)');
		tui.press('\r');
		await tui.until('a reason is required');
		tui.press('deploy freeze');
		tui.press('\t');
		tui.press('soon');
		tui.press('\r');
		await tui.until('"soon" is not a duration');
		for (let i = 0; i < 4; i++) tui.press('\u007f');
		tui.press('2h');
		const before = Date.now();
		tui.press('\r');
		await tui.until('y confirms');
		const request = tui.runner.requests[0];
		expect(request).toMatchObject({kind: 'suspend', reason: 'deploy freeze', target: {app: 'shop', context: 'prod-eu'}});
		const until = new Date((request as {until: string}).until).getTime();
		expect(until).toBeGreaterThanOrEqual(before + 2 * 3_600_000 - 1000);
		expect(until).toBeLessThanOrEqual(Date.now() + 2 * 3_600_000);
		tui.press('y');
		await tui.until('journal entry #1');
		tui.press('\u001B');
		await tui.until(/pause auto-sync of shop on prod-eu until (\d\d-\d\d )?\d\d:\d\d \(for 2h\): done/);
		await tui.until(/shop\s+flux\s+prod-eu\s+.*paused/);
		// The result stays on the message line until the pointer moves.
		tui.press('k');
		tui.press('j');
		const local = new Date(until).toTimeString().slice(0, 5);
		await tui.until(new RegExp(`shop: auto-sync paused by alice \\d+s ago — until (\\d\\d-\\d\\d )?${local}, in (2h|1h59m): deploy freeze`));
	});

	it(':pause REASON for 30m skips the form; :resume and :reconcile act on the selected app', async () => {
		const tui = start();
		await select(tui, /› shop\s+flux\s+prod-eu/);
		tui.press(':');
		tui.press('pause incident 7 for 30m\r');
		await tui.until('y confirms');
		expect(tui.runner.requests[0]).toMatchObject({kind: 'suspend', reason: 'incident 7'});
		tui.press('\u001B');
		await tui.until('cancelled');
		tui.press(':');
		tui.press('resume\r');
		await tui.until('auto-sync of shop on prod-eu is on: nothing to resume');
		tui.press('gg');
		await tui.until('› billing');
		tui.press(':');
		tui.press('resume\r');
		await tui.until('resume auto-sync of billing on staging');
		expect(tui.runner.requests.at(-1)).toMatchObject({kind: 'resume', target: {app: 'billing', context: 'staging'}});
	});

	it('rolls back from the history: a commit, its diff vs live, then B', async () => {
		const tui = start();
		await select(tui, /› shop\s+flux\s+prod-eu/);
		tui.press('h');
		await tui.until('web 1.24');
		tui.press('j');
		await tui.until(/›\s+0ld5ha0/);
		tui.press('d');
		await tui.until('at 0ld5ha0 vs live');
		await tui.until('<B>roll back');
		tui.press('B');
		await tui.until('roll back shop on prod-eu to 0ld5ha0');
		expect(tui.runner.requests[0]).toMatchObject({kind: 'rollback', revision: '0ld5ha0000', target: {app: 'shop', context: 'prod-eu'}});
		tui.press('\u001B');
		// B on the history list itself rolls back to the commit under the pointer.
		await tui.until('cancelled');
		tui.press('\u001B');
		await tui.until('bump web to 1.25');
		tui.press('k');
		await tui.until(/›\s+abc1234/);
		tui.press('B');
		await tui.until('roll back shop on prod-eu to abc1234');
		expect(tui.runner.requests[1]).toMatchObject({kind: 'rollback', revision: 'abc1234def'});
	});

	it('in read-only mode offers no action key, and the keys and : commands say why', async () => {
		const tui = start({}, {readOnly: true});
		await select(tui, /› shop\s+flux\s+prod-eu/);
		expect(tui.screen()).not.toContain('<R>');
		tui.press('R');
		await tui.until('read-only mode: reconcile would write to prod-eu, and --read-only sends no write');
		tui.press(':');
		tui.press('pause because\r');
		await tui.until('read-only mode: pause would write');
		tui.press('?');
		const help = await tui.until('Keys (esc or ? to close)');
		expect(help).not.toMatch(/Reconcile|Pause auto-sync|:pause/);
		expect(tui.runner.requests).toEqual([]);
	});

	it('on a context the settings make read-only, its apps offer no action, others do', async () => {
		const tui = start({}, {readOnlyContexts: ['prod-eu']});
		await select(tui, /› shop\s+flux\s+prod-eu/);
		expect(tui.screen()).not.toContain('<R>reconcile');
		tui.press('R');
		await tui.until('read-only context: prod-eu is read-only in your settings');
		tui.press('j');
		await tui.until('<R>reconcile');
		expect(tui.runner.requests).toEqual([]);
	});
});
