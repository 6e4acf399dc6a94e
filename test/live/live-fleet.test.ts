/**
 * The live loop against the demo world over real HTTPS and a real git daemon: apps appear with
 * verdicts, a change on a cluster shows up without anyone asking, diffs go fast then exact, history
 * comes from the local clone, and the outage switch turns into a Git outage in the snapshot.
 */
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {nodeRuntime} from '../../source/cluster/runtime.js';
import {mergePatch, serverSideApply} from '../../source/cluster/writes.js';
import {openEvaluationSession, type EvaluationSession} from '../../source/commands/evaluation-session.js';
import {startLiveFleet, type LiveFleet} from '../../source/live/live-fleet.js';
import {startDemo, type Demo} from '../../source/sandbox/demo/index.js';
import {appId, type FleetSnapshot} from '../../source/state/fleet-snapshot.js';
import {shownDiffLines, type DiffDocument} from '../../source/state/tui-state.js';
import {deadPort, startScriptedServer} from '../support/cluster-http-server.js';
import {extraContext, joinKubeconfigs, prefixKubeconfig} from '../support/cluster-sandbox.js';
import {writeExecPlugin} from '../support/cluster-plugins.js';
import {waitFor} from '../support/wait-for.js';

let workDir: string;
let demo: Demo;
let session: EvaluationSession;
const sinks: Array<{close(): void}> = [];
const timers = {setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (handle: unknown) => clearTimeout(handle as NodeJS.Timeout)};

async function openSession(): Promise<EvaluationSession> {
	const io = {stdout: process.stdout, stderr: process.stderr, env: {...process.env, KUBECONFIG: demo.kubeconfigPath, HOME: workDir}, cwd: workDir};
	const opened = await openEvaluationSession({args: [], flags: {kubeconfig: demo.kubeconfigPath, allContexts: true, repo: demo.repoPath}, io}, 'tui');
	if (!opened.ok) throw new Error('cannot open the demo session');
	sinks.push(opened.session);
	return opened.session;
}

function startFleet(readOnly: boolean): LiveFleet {
	const fleet = startLiveFleet({
		inputs: {contexts: session.contexts, kubeconfigContexts: session.kubeconfigContexts, ...(session.repo ? {repo: session.repo} : {}), tools: session.tools},
		readOnly,
		runtime: nodeRuntime(process.env),
		timers,
		now: () => new Date(),
		log: () => undefined,
		quietMs: 50,
		simulateOutage: on => demo.simulateOutage(on),
	});
	sinks.push({close: () => fleet.stop()});
	return fleet;
}

/** A fleet over another kubeconfig (the demo's contexts plus broken ones), with the demo's repository. */
async function fleetOver(kubeconfig: string, flags: Record<string, unknown> = {}): Promise<LiveFleet> {
	const io = {stdout: process.stdout, stderr: process.stderr, env: {...process.env, HOME: workDir}, cwd: workDir};
	const opened = await openEvaluationSession({args: [], flags: {kubeconfig, allContexts: true, repo: demo.repoPath, ...flags}, io}, 'tui', {fetchOnOpen: false});
	if (!opened.ok) throw new Error('cannot open the session');
	sinks.push(opened.session);
	const fleet = startLiveFleet({
		inputs: {contexts: opened.session.contexts, kubeconfigContexts: opened.session.kubeconfigContexts, ...(opened.session.repo ? {repo: opened.session.repo} : {}), tools: opened.session.tools},
		readOnly: false,
		runtime: nodeRuntime(process.env),
		timers,
		now: () => new Date(),
		log: () => undefined,
		quietMs: 50,
	});
	sinks.push({close: () => fleet.stop()});
	return fleet;
}

/** Subscribes and keeps the latest snapshot. */
function follow(fleet: LiveFleet): {latest(): FleetSnapshot | undefined} {
	let latest: FleetSnapshot | undefined;
	const stop = fleet.source.subscribe(snapshot => (latest = snapshot));
	sinks.push({close: stop});
	return {latest: () => latest};
}

const shopEu = (snapshot: FleetSnapshot | undefined) => snapshot?.apps.find(app => app.name === 'shop' && app.context === 'prod-eu');

beforeAll(async () => {
	workDir = await mkdtemp(path.join(os.tmpdir(), 'gitops-tui-live-'));
	demo = await startDemo({workDir});
	session = await openSession();
}, 60_000);

afterAll(async () => {
	for (const sink of sinks.reverse()) sink.close();
	await demo?.stop();
	await rm(workDir, {recursive: true, force: true});
});

describe('the live fleet over the demo world', () => {
	it('publishes every app with a verdict, and follows a change on a cluster by itself', async () => {
		const fleet = startFleet(false);
		const view = follow(fleet);
		await waitFor(() => (view.latest()?.apps.length ?? 0) >= 5 && shopEu(view.latest())?.sync === 'OutOfSync', {timeoutMs: 30_000, describe: () => JSON.stringify(view.latest()?.apps.map(a => [a.name, a.context, a.sync]))});
		const snapshot = view.latest()!;
		expect(snapshot.contexts.map(c => [c.name, c.state])).toEqual([['prod-eu', 'ready'], ['prod-us', 'ready'], ['staging', 'ready']]);
		expect(snapshot.git.reachable).toBe(true);
		const web = shopEu(snapshot)!.resources.find(r => r.key.kind === 'Deployment' && r.key.name === 'web')!;
		// shop is a Flux app: the note says kustomize-controller takes kubectl's fields over and reverts the edit.
		expect(web.fields).toContainEqual(expect.objectContaining({path: '.spec.template.spec.containers[name="web"].image', manager: 'kubectl-edit'}));
		expect(snapshot.liveByContext['prod-eu']!.some(o => o.kind === 'Pod')).toBe(true);

		// Someone edits a value Git sets in a ConfigMap of shop on prod-eu: the next snapshot says so, nobody pressed a key.
		const settings = shopEu(snapshot)!.resources.find(r => r.key.name === 'shop-settings')!;
		const key = Object.keys((settings.desired?.data ?? {}) as Record<string, string>)[0]!;
		const euClient = session.contexts.find(c => c.info.name === 'prod-eu')!.client!;
		const patched = await mergePatch(euClient, {apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'shop-settings'}, {data: {[key]: 'changed by hand'}}, {fieldManager: 'kubectl-patch'});
		expect(patched.ok).toBe(true);
		await waitFor(() => shopEu(view.latest())?.resources.find(r => r.key.name === 'shop-settings')?.verdict === 'Drifted', {timeoutMs: 15_000, describe: () => 'shop-settings to turn Drifted'});

		// A new Event reaches the events pane's data too (Events refresh the snapshot without a new evaluation).
		const event = {apiVersion: 'v1', kind: 'Event', metadata: {name: 'web.hand-made', namespace: 'shop'}, involvedObject: {kind: 'Deployment', name: 'web', namespace: 'shop'}, reason: 'Poked', message: 'poked by a test', type: 'Normal'};
		expect((await serverSideApply(euClient, event, {fieldManager: 'kubelet'})).ok).toBe(true);
		await waitFor(() => view.latest()!.liveByContext['prod-eu']!.some(o => o.kind === 'Event' && o.metadata.name === 'web.hand-made'), {timeoutMs: 15_000, describe: () => 'the event in the snapshot'});
	}, 60_000);

	it('shows the fast diff at once and the exact one when the dry-run is back', async () => {
		const fleet = startFleet(false);
		const view = follow(fleet);
		await waitFor(() => Boolean(shopEu(view.latest())), {timeoutMs: 30_000});
		const documents: DiffDocument[] = [];
		fleet.source.loadDiff({appId: appId(shopEu(view.latest())!), resourceId: 'apps/Deployment/shop/web'}, document => documents.push(document));
		expect(documents[0]).toMatchObject({mode: 'fast', pending: true});
		await waitFor(() => documents.some(d => d.mode === 'exact'), {timeoutMs: 15_000});
		const exact = documents.find(d => d.mode === 'exact')!;
		expect(exact.pending).toBe(false);
		expect(exact.lines.some(line => line.kind === 'added' && line.text.includes('image: nginx:1.27'))).toBe(true);
		expect(exact.lines.some(line => line.manager === 'kubectl-edit')).toBe(true);

		// The whole app: the worker's replicas, set by the autoscaler and ignored by .gitops-tui.yaml, show only on request.
		const whole: DiffDocument[] = [];
		fleet.source.loadDiff({appId: appId(shopEu(view.latest())!)}, document => whole.push(document));
		await waitFor(() => whole.some(d => d.mode === 'exact'), {timeoutMs: 15_000});
		const app = whole.find(d => d.mode === 'exact')!;
		const hidden = shownDiffLines(app, false).map(line => line.text).join('\n');
		const shown = shownDiffLines(app, true).map(line => line.text).join('\n');
		expect(hidden).toContain('image: nginx:1.27');
		expect(hidden).not.toContain('Deployment shop/worker');
		expect(shown).toContain('Deployment shop/worker');
		expect(shown).toMatch(/^[-+]\s+replicas: \d+$/m);
	}, 60_000);

	it('never puts a Secret value into a diff, fast or exact, even when the Secret drifted', async () => {
		const fleet = startFleet(false);
		const view = follow(fleet);
		const payments = () => view.latest()?.apps.find(app => app.name === 'payments');
		await waitFor(() => Boolean(payments()), {timeoutMs: 30_000});
		const canary = 'canary-live-value-7f3a9c';
		const euClient = session.contexts.find(c => c.info.name === 'prod-eu')!.client!;
		const patched = await mergePatch(euClient, {apiVersion: 'v1', kind: 'Secret', namespace: 'payments', name: 'payments-provider'}, {data: {API_KEY: Buffer.from(canary).toString('base64')}}, {fieldManager: 'kubectl-edit'});
		expect(patched.ok).toBe(true);
		await waitFor(() => payments()?.resources.find(r => r.key.kind === 'Secret')?.verdict === 'Drifted', {timeoutMs: 15_000, describe: () => 'the Secret to turn Drifted'});
		const documents: DiffDocument[] = [];
		fleet.source.loadDiff({appId: appId(payments()!)}, document => documents.push(document));
		await waitFor(() => documents.some(d => d.mode === 'exact'), {timeoutMs: 15_000});
		const text = documents.flatMap(d => d.lines.map(line => line.text)).join('\n');
		expect(text).toContain('API_KEY');
		for (const secret of [canary, 'demo-not-a-real-api-key', 'demo-not-a-real-webhook-secret']) {
			expect(text).not.toContain(secret);
			expect(text).not.toContain(Buffer.from(secret).toString('base64'));
		}
	}, 60_000);

	it('keeps the live clusters going while one context is dead and another hangs', async () => {
		const hanging = await startScriptedServer(() => undefined);
		sinks.push({close: () => void hanging.close()});
		const kubeconfig = path.join(workDir, 'with-dead.yaml');
		await writeFile(
			kubeconfig,
			joinKubeconfigs([
				prefixKubeconfig(await readFile(demo.kubeconfigPath, 'utf8'), ''),
				extraContext('dead', `https://127.0.0.1:${await deadPort()}`),
				extraContext('hanging', hanging.url),
			]),
		);
		const view = follow(await fleetOver(kubeconfig, {requestTimeout: '8s'}));
		await waitFor(() => shopEu(view.latest())?.sync === 'OutOfSync', {timeoutMs: 20_000, describe: () => JSON.stringify(view.latest()?.contexts)});
		// The verdicts came while the hanging context was still waiting out its request timeout: it held nothing up.
		expect(view.latest()!.contexts.find(c => c.name === 'hanging')?.state).toBe('connecting');
		await waitFor(() => {
			const states = Object.fromEntries(view.latest()!.contexts.map(c => [c.name, c.state]));
			return states['dead'] === 'unreachable' && states['hanging'] === 'timed-out';
		}, {timeoutMs: 20_000, describe: () => JSON.stringify(view.latest()?.contexts)});
		expect(view.latest()!.contexts.filter(c => c.state === 'ready').map(c => c.name)).toEqual(['prod-eu', 'prod-us', 'staging']);
	}, 60_000);

	it('keeps the live clusters going while one context waits on an exec credential plugin that hangs', async () => {
		const plugin = await writeExecPlugin(await mkdtemp(path.join(workDir, 'plugin-')));
		await plugin.set('delay-ms', '60000');
		const kubeconfig = path.join(workDir, 'with-hanging-plugin.yaml');
		const stuck = extraContext('stuck-login', `https://127.0.0.1:${await deadPort()}`);
		stuck.users = [{name: 'stuck-login', user: {exec: {apiVersion: 'client.authentication.k8s.io/v1', command: plugin.command, args: plugin.args, interactiveMode: 'Never'}}}];
		await writeFile(kubeconfig, joinKubeconfigs([prefixKubeconfig(await readFile(demo.kubeconfigPath, 'utf8'), ''), stuck]));
		const view = follow(await fleetOver(kubeconfig));
		const started = Date.now();
		await waitFor(() => shopEu(view.latest())?.sync === 'OutOfSync', {timeoutMs: 20_000, describe: () => JSON.stringify(view.latest()?.contexts)});
		expect(Date.now() - started).toBeLessThan(15_000);
		expect((await plugin.calls()).length).toBeGreaterThan(0);
		expect(view.latest()!.contexts.find(c => c.name === 'stuck-login')?.state).toBe('connecting');
	}, 60_000);

	it('in read-only mode shows the fast diff only: the transport refuses dry-runs', async () => {
		const fleet = startFleet(true);
		const view = follow(fleet);
		await waitFor(() => Boolean(shopEu(view.latest())), {timeoutMs: 30_000});
		const documents: DiffDocument[] = [];
		fleet.source.loadDiff({appId: appId(shopEu(view.latest())!)}, document => documents.push(document));
		expect(documents).toHaveLength(1);
		expect(documents[0]).toMatchObject({mode: 'fast', pending: false});
	}, 60_000);

	it('reads history from the local clone with deployment markers, and reports the outage switch', async () => {
		const fleet = startFleet(false);
		const view = follow(fleet);
		await waitFor(() => Boolean(shopEu(view.latest())), {timeoutMs: 30_000});
		const history = await fleet.source.loadHistory(appId(shopEu(view.latest())!));
		expect(history.status).toBe('ready');
		if (history.status !== 'ready') return;
		expect(history.commits.length).toBeGreaterThan(1);
		const markers = Object.values(history.deployed).flat();
		expect(markers).toContain('flux@prod-eu');
		expect(markers).toContain('flux@prod-us');

		await fleet.source.simulateOutage!(true);
		await waitFor(() => view.latest()?.git.reachable === false, {timeoutMs: 15_000, describe: () => JSON.stringify(view.latest()?.git)});
		expect(view.latest()!.git.error).toBeTruthy();
		// Verdicts still come from the local clone during the outage.
		expect(shopEu(view.latest())?.sync).toBe('OutOfSync');
		const offline = await fleet.source.loadHistory(appId(shopEu(view.latest())!));
		expect(offline.status).toBe('ready');
		await fleet.source.simulateOutage!(false);
		await waitFor(() => view.latest()?.git.reachable === true, {timeoutMs: 15_000});
	}, 60_000);
	it('tells what changed since an app was last healthy: its last applied revision and the commits since, from the clone', async () => {
		const fleet = startFleet(false);
		const view = follow(fleet);
		const shopUs = () => view.latest()?.apps.find(app => app.name === 'shop' && app.context === 'prod-us');
		await waitFor(() => Boolean(shopUs()?.revision.deployed), {timeoutMs: 30_000});
		const app = shopUs()!;
		const answer = await fleet.source.loadSinceHealthy!(appId(app));
		expect(answer.status).toBe('ready');
		if (answer.status !== 'ready') return;
		expect(answer.healthyNow).toBe(false);
		expect(answer.revision).toBe(app.revision.deployed);
		expect(answer.basis).toContain('lastAppliedRevision');
		// The commits on shop's path after the deployed one: as many as the app is behind, HEAD's bump first.
		expect(answer.commits).toHaveLength(app.revision.behind!);
		expect(answer.commits[0]!.subject).toBe('shop: bump web to nginx 1.27');
	}, 60_000);
});
