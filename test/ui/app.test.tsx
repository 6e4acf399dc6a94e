import {afterEach, describe, expect, it} from 'vitest';
import {fakeFleetSource} from '../support/fake-fleet-source.js';
import {seededFastDiff as fastDiff, startTui, type TuiHarnessOptions} from '../support/tui-harness.js';
import {seededSnapshot} from '../support/tui-snapshot.js';
import {waitFor} from '../support/wait-for.js';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function start(options: TuiHarnessOptions = {}) {
	const tui = startTui(options);
	unmount = tui.app.unmount;
	return tui;
}

describe('the TUI on a seeded fleet', () => {
	it('shows contexts, repo, and every app with our verdict, the controller’s, health, revision and auto-sync', async () => {
		const {until} = start();
		const frame = await until('payments');
		expect(frame).toContain('prod-eu');
		expect(frame).toContain('staging (unreachable)');
		expect(frame).toContain('main@abc1234');
		expect(frame).toMatch(/shop\s+flux\s+prod-eu\s+≠ OutOfSync/);
		expect(frame).toMatch(/└─\s+flux\s+prod-us\s+✓ Synced.*def5678 ↓2/);
		expect(frame).toMatch(/billing.*paused/);
		// A plain app has no controller of its own to disagree with.
		// staging does not answer: its apps' marks read "?" (values from when it last did), the words stay.
		expect(frame).toMatch(/checkout\s+plain\s+staging\s+\? Synced\s+-\s/);
		expect(frame).toContain('<q>quit');
	});

	it('shows the snapshot the source has at once in its very first frame, not an empty header (it replaces the splash)', () => {
		const {app} = start();
		const first = app.frames[0] ?? '';
		expect(first).toContain('prod-eu');
		expect(first).toContain('main@abc1234');
		expect(first).toMatch(/shop\s+flux\s+prod-eu/);
		expect(first).not.toContain('loading');
	});

	it('says under the list what is wrong with the selected app: its error, or who paused it and why', async () => {
		const snapshot = seededSnapshot();
		const broken = {...snapshot, apps: snapshot.apps.map(app => (app.name === 'checkout' ? {...app, sync: 'Unknown' as const, error: 'apps/checkout/deploy.yaml:7: bad indentation'} : app))};
		const source = fakeFleetSource({initial: broken, fastDiff, history: {status: 'loading'}});
		const {until, ready, press} = start({source});
		await ready();
		await until(/billing: auto-sync paused by alice \d+d ago: incident 42/);
		press('j');
		await until('checkout@staging: apps/checkout/deploy.yaml:7: bad indentation');
	});

	it('moves with j/k, opens the tree with enter, a diff with enter, and goes back with esc', async () => {
		const {until, press, source, ready} = start();
		await ready();
		press('jjj'); // billing, checkout, payments, then shop on prod-eu
		await until('› shop');
		press('\r');
		const tree = await until('Deployment/web');
		expect(tree).toMatch(/ReplicaSet\/web-6d4f9/);
		expect(tree).toMatch(/Pod\/web-6d4f9-abcde/);
		expect(tree).toMatch(/Deployment\/web\s+≠ Drifted\s+● Healthy\s+1 field/);
		press('j');
		press('\r');
		const diff = await until('exact diff pending');
		expect(diff).toContain('image: nginx:1.25');
		expect(diff).toContain('# kubectl-edit');
		expect(diff).not.toContain('replicas: 5');
		expect(source.diffRequests.at(-1)).toEqual({appId: 'prod-eu/flux/shop/shop', resourceId: 'apps/Deployment/shop/web', revision: undefined});
		source.finishExactDiff({...fastDiff, mode: 'exact', pending: false});
		await until('(exact diff)');
		press('i');
		await until('replicas: 5');
		press('\u001B');
		await until('Deployment/web');
		press('\u001B');
		await until('NAME');
	});

	it('filters with /, narrows with :ctx, and opens an app with :app', async () => {
		const {until, press, screen, ready} = start();
		await ready();
		press('/');
		press('argo');
		await until('/argo');
		expect(screen()).not.toContain('billing');
		press('\r');
		await until('filter: argo');
		press(':');
		press('app shop\r');
		await until('Deployment/web');
		press(':');
		press('ctx staging\r');
		await until('staging*');
		expect(screen()).toContain('checkout');
		expect(screen()).not.toMatch(/payments\s+argo/);
	});

	it('shows the Git outage banner when the source reports one, and :outage reaches the demo switch', async () => {
		const {until, press, source, ready} = start();
		await ready();
		press(':');
		press('outage on\r');
		await waitFor(() => source.outageCalls.length === 1);
		source.push(seededSnapshot({outage: true}));
		const frame = await until('GIT OUTAGE');
		expect(frame).toContain('fetch timed out');
	});

	it('without a repo says so plainly (no outage banner), and says when no app was found', async () => {
		const empty = {...seededSnapshot(), apps: [], git: {reachable: false, error: 'no config repository loaded (pass --repo PATH|URL)'}};
		const source = fakeFleetSource({initial: empty, fastDiff, history: {status: 'loading'}});
		const {until, screen} = start({source});
		await until('no apps found');
		expect(screen()).toContain('no config repository loaded');
		expect(screen()).not.toContain('GIT OUTAGE');
	});

	it('says it is discovering apps until the first evaluation is done', async () => {
		const {evaluatedAt: _never, ...first} = seededSnapshot();
		const source = fakeFleetSource({initial: {...first, apps: []}, fastDiff, history: {status: 'loading'}});
		const {until} = start({source});
		await until('discovering apps');
		source.push(seededSnapshot());
		await until('payments');
	});

	it('says when the latest evaluation failed, keeping the verdicts it had', async () => {
		const {until, ready, source} = start();
		await ready();
		source.push({...seededSnapshot(), problem: 'evaluation failed: kustomize exploded (details in the log)'});
		const frame = await until('evaluation failed: kustomize exploded');
		expect(frame).toContain('payments');
	});

	it('shows history from the local clone with deployment markers', async () => {
		const {until, press, ready} = start();
		await ready();
		press('h');
		const frame = await until('bump web to 1.25');
		expect(frame).toContain('[deployed: flux]');
	});

	it('generates help from the key table and marks read-only mode', async () => {
		const {until, press, ready} = start({readOnly: true});
		await ready();
		await until('READ-ONLY');
		press('?');
		const help = await until('Keys (esc or ? to close)');
		expect(help).toContain('Filter the list by text');
		// The : commands and the legend follow the keys; at 80×24 the help scrolls to them.
		press('G');
		await until(':ctx NAME');
	});

	it('fits 80 columns and uses only ASCII in the ASCII variant', async () => {
		const {until} = start({ascii: true, colour: false});
		const frame = await until('payments');
		for (const line of frame.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
		expect(frame).toMatch(/^[\x00-\x7f]*$/);
		// Two-character ASCII glyphs still leave room for the longest health words.
		// (billing and checkout are on staging, which does not answer: their marks read "?".)
		expect(frame).toContain('ok Healthy ');
		expect(frame).toContain('? Suspended ');
		expect(frame).toContain('? Degraded ');
		expect(frame).not.toMatch(/\u001B\[3[0-9]m/);
	});
});
