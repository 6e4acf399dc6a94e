/**
 * What must never go wrong: a user RBAC refuses is stopped before any write (the request log proves it) with a
 * reason naming verb, resource, namespace and identity; read-only sends no request at all; a protected context
 * needs its name typed; server-side apply conflicts are reported with their managers and taken over only when
 * forced; Secret values appear in no event, result or journal entry.
 */
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startActionHarness, target, type ActionHarness} from '../support/action-harness.js';

let harness: ActionHarness;
beforeAll(async () => {
	harness = await startActionHarness();
}, 60_000);
afterAll(async () => harness?.stop());

const gitCanary = 'CANARY-GIT-VALUE-7f3a';
const liveCanary = 'CANARY-LIVE-VALUE-91c2';
const canaries = [gitCanary, liveCanary, Buffer.from(gitCanary).toString('base64'), Buffer.from(liveCanary).toString('base64')];

describe('refusals', () => {
	it('the viewer is refused before any write, each refusal naming verb, resource, namespace and identity', async () => {
		harness.scenario.sandbox.clearRequests();
		const {result, events} = await harness.run({kind: 'suspend', target: target('web', 'sandbox-viewer'), reason: 'x'}, {viewer: true});
		expect(result.outcome).toBe('refused');
		expect(result.message).toContain('viewer cannot patch kustomizations.kustomize.toolkit.fluxcd.io in flux-system');
		const check = events.find(event => event.stage === 'checked');
		expect(check?.stage === 'checked' && check.check).toMatchObject({identity: 'viewer', allowed: false});
		expect(harness.scenario.sandbox.requests().filter(entry => entry.method !== 'GET' && !/selfsubject(access)?reviews/.test(entry.path))).toEqual([]);
		expect(harness.journal.entries.at(-1)).toMatchObject({actor: 'viewer', action: 'suspend', outcome: {status: 'refused'}});
		expect(harness.journal.entries.at(-1)?.objects).toEqual([
			expect.objectContaining({kind: 'Kustomization', name: 'web', result: 'refused', message: expect.stringContaining('viewer cannot patch kustomizations.kustomize.toolkit.fluxcd.io in flux-system')}),
		]);
	});

	it('the viewer is refused a rollback too (patch and create of the objects), with no write', async () => {
		harness.scenario.sandbox.clearRequests();
		const {result} = await harness.run({kind: 'rollback', target: target('worker', 'sandbox-viewer'), revision: 'HEAD'}, {viewer: true});
		expect(result.outcome).toBe('refused');
		expect(result.message).toMatch(/viewer cannot patch deployments\.apps in batch/);
		expect(harness.scenario.sandbox.requests().filter(entry => entry.method !== 'GET' && !/selfsubject(access)?reviews/.test(entry.path))).toEqual([]);
	});

	it('read-only mode (global or per context) refuses before a single request, and is journaled', async () => {
		for (const settings of [{readOnly: true}, {readOnlyContexts: ['sandbox']}]) {
			harness.scenario.sandbox.clearRequests();
			const {result} = await harness.run({kind: 'reconcile', target: target('web')}, {settings});
			expect(result.outcome).toBe('refused');
			expect(result.message).toMatch(/read-only/);
			expect(harness.scenario.sandbox.requests()).toEqual([]);
			expect(harness.journal.entries.at(-1)).toMatchObject({action: 'reconcile', outcome: {status: 'refused'}});
		}
	});

	it('a protected context without its name typed is refused; typed, it runs', async () => {
		const settings = {protectedContexts: ['sandbox']};
		harness.scenario.sandbox.clearRequests();
		const untyped = await harness.run({kind: 'reconcile', target: target('web')}, {settings, confirm: async () => ({confirmed: true})});
		expect(untyped.result.outcome).toBe('refused');
		expect(untyped.result.message).toContain('context sandbox is protected');
		const wrong = await harness.run({kind: 'reconcile', target: target('web')}, {settings, confirm: async () => ({confirmed: true, typed: 'sandbox-viewer'})});
		expect(wrong.result.outcome).toBe('refused');
		expect(harness.writes()).toEqual([]);
		const declined = await harness.run({kind: 'reconcile', target: target('web')}, {settings, confirm: async () => ({confirmed: false})});
		expect(declined.result.outcome).toBe('cancelled');
		expect(harness.journal.entries.at(-1)?.outcome.status).toBe('cancelled');
		const typed = await harness.run({kind: 'reconcile', target: target('web')}, {settings});
		expect(typed.result.outcome).toBe('done');
	});

	it('the protected contexts of .gitops-tui.yaml are honoured', async () => {
		harness.scenario.repo.commit({'.gitops-tui.yaml': 'apps:\n  - {name: worker, path: apps/worker, namespace: batch}\nprotectedContexts: [sandbox]\n'}, 'protect sandbox');
		await harness.repo.refresh();
		const untyped = await harness.run({kind: 'reconcile', target: target('web')}, {confirm: async () => ({confirmed: true})});
		expect(untyped.result.outcome).toBe('refused');
		harness.scenario.repo.commit({'.gitops-tui.yaml': 'apps:\n  - {name: worker, path: apps/worker, namespace: batch}\n'}, 'unprotect');
		await harness.repo.refresh();
	});

	it('a broken .gitops-tui.yaml protects every context: its protected contexts are unknown, so the name must be typed', async () => {
		harness.scenario.repo.commit({'.gitops-tui.yaml': 'apps:\n  - {name: worker, path: apps/worker, namespace: batch}\nprotectedContexts: [sandbox\n'}, 'break the settings');
		await harness.repo.refresh();
		try {
			harness.scenario.sandbox.clearRequests();
			const untyped = await harness.run({kind: 'reconcile', target: target('web')}, {confirm: async () => ({confirmed: true})});
			expect(untyped.result.outcome).toBe('refused');
			expect(untyped.result.message).toContain('context sandbox is protected');
			expect(harness.writes()).toEqual([]);
			const planned = untyped.events.find(event => event.stage === 'planned');
			expect(planned?.stage === 'planned' && planned.plan.warnings.join('\n')).toMatch(/settings cannot be read/);
			const typed = await harness.run({kind: 'reconcile', target: target('web')});
			expect(typed.result.outcome).toBe('done');
		} finally {
			harness.scenario.repo.commit({'.gitops-tui.yaml': 'apps:\n  - {name: worker, path: apps/worker, namespace: batch}\n'}, 'mend the settings');
			await harness.repo.refresh();
		}
	});
});

describe('conflicts and Secrets', () => {
	it('an SSA conflict is reported with its manager, not forced; with force it is taken over', async () => {
		const edited = await harness.scenario.kubectl(
			['apply', '--server-side', '--force-conflicts', '--field-manager=intruder', '-f', '-'],
			'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: worker-settings, namespace: batch}\ndata: {batchSize: "999"}\n',
		);
		expect(edited.code).toBe(0);
		const {result, events} = await harness.run({kind: 'reconcile', target: target('worker')});
		expect(result.outcome).toBe('failed');
		const settings = result.objects.find(object => object.key.name === 'worker-settings');
		expect(settings).toMatchObject({status: 'conflict'});
		expect(settings?.conflicts?.some(conflict => conflict.manager === 'intruder')).toBe(true);
		expect(harness.stored('v1', 'ConfigMap', 'batch', 'worker-settings')?.['data']).toMatchObject({batchSize: '999'});
		const planned = events.find(event => event.stage === 'planned');
		expect(planned?.stage === 'planned' && planned.plan.objects.find(object => object.key.name === 'worker-settings')?.summary).toContain('owned by intruder');
		expect(harness.journal.entries.at(-1)?.objects.find(object => object.name === 'worker-settings')).toMatchObject({result: 'conflict'});

		const forced = await harness.run({kind: 'reconcile', target: target('worker')}, {force: true});
		expect(forced.result.outcome).toBe('done');
		expect(harness.stored('v1', 'ConfigMap', 'batch', 'worker-settings')?.['data']).not.toMatchObject({batchSize: '999'});
	});

	it('Secret values (Git and live) appear in no event, result or journal entry', async () => {
		const changed = await harness.scenario.kubectl(
			['apply', '--server-side', '--force-conflicts', '--field-manager=gitops-tui', '-f', '-'],
			`apiVersion: v1\nkind: Secret\nmetadata: {name: worker-creds, namespace: batch}\nstringData: {password: ${liveCanary}}\n`,
		);
		expect(changed.code).toBe(0);
		const {result, events} = await harness.run({kind: 'reconcile', target: target('worker')});
		expect(result.outcome).toBe('done');
		const planned = events.find(event => event.stage === 'planned');
		const secret = planned?.stage === 'planned' ? planned.plan.objects.find(object => object.key.kind === 'Secret') : undefined;
		expect(secret?.diff).toContain('password');
		const text = JSON.stringify({events, result, journal: harness.journal.entries});
		for (const canary of canaries) expect(text).not.toContain(canary);
	});
});
