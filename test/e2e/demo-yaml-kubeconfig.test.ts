/**
 * The demo in tmux at 80×24: `--demo` says on stderr where its kubeconfig is and a second process runs `status`
 * against the running demo with it; `:kubeconfig` says it again in the TUI; `y` shows an object's YAML, live and
 * desired, a Missing object's live side saying so, and a Secret with its values masked.
 */
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import type {StatusDocument} from '../../source/commands/output/status-document.js';
import {demoCli, demoTerminal, movePointerTo, pointerLine, typeCommand} from '../support/demo-e2e.js';
import {runProcess} from '../support/scenario-cluster.js';
import type {TmuxSession} from '../support/tmux.js';
import {waitFor} from '../support/wait-for.js';

const demo = demoTerminal();

/** Moves the tree's pointer down to the row naming `label`, one key at a time, each seen on the screen. */
async function pointAt(tmux: TmuxSession, label: string): Promise<void> {
	await tmux.keys(['g']);
	await waitFor(async () => (await tmux.screen()).split('\n')[3]!.startsWith('›'), {timeoutMs: 5000, describe: () => 'the pointer on the first row'});
	await movePointerTo(tmux, label, 20);
}

/** Every line of the YAML view, paged through with ctrl-f. */
async function readYaml(tmux: TmuxSession): Promise<string> {
	const lines: string[] = [];
	let range = '';
	for (let i = 0; i < 30; i++) {
		const screen = await tmux.screen();
		lines.push(...screen.split('\n').slice(3, 22));
		const match = / (\d+)-(\d+)\/(\d+)/.exec(screen.split('\n')[2] ?? '');
		if (!match || match[2] === match[3]) break;
		range = match[0];
		await tmux.keys(['C-f']);
		await waitFor(async () => !(await tmux.screen()).split('\n')[2]!.includes(range), {timeoutMs: 5000, describe: () => 'the next page'});
	}
	return lines.join('\n');
}

describe('gitops-tui --demo: its kubeconfig for a second process, and the YAML view', () => {
	it('prints its kubeconfig on stderr, serves status from a second process, and shows YAML with y', async () => {
		const {tmux, home, stderrPath: errFile} = await demo.start({stderrToFile: true});
		await tmux.waitForText(/OutOfSync/, 30_000);
		const said = readFileSync(errFile, 'utf8');
		const kubeconfig = /kubeconfig (\S+),/.exec(said)?.[1];
		const repo = /--repo (\S+);/.exec(said)?.[1];
		expect(kubeconfig, said).toMatch(/gitops-tui-demo-\w+\/kubeconfig$/);
		expect(said).toContain(`gitops-tui status --kubeconfig ${kubeconfig} --all-contexts --repo ${repo}`);

		// A second process, pointed at the running demo with what it printed (no KUBECONFIG in its environment).
		const status = await runProcess('node', [demoCli, 'status', '-o', 'json', '--kubeconfig', kubeconfig!, '--all-contexts', '--repo', repo!], {PATH: process.env['PATH'], HOME: home, XDG_STATE_HOME: path.join(home, 'state2'), XDG_CACHE_HOME: path.join(home, 'cache')});
		expect(status.code, status.stderr).toBe(1);
		const document = JSON.parse(status.stdout) as StatusDocument;
		expect(document.contexts.map(c => [c.name, c.reachable])).toEqual([['prod-eu', true], ['prod-us', true], ['staging', true]]);
		expect(document.apps.map(app => `${app.name}@${app.context}`).sort()).toEqual(['billing@staging', 'checkout@staging', 'payments@prod-eu', 'shop@prod-eu', 'shop@prod-us']);

		// :kubeconfig says it again, in the TUI.
		await typeCommand(tmux, 'kubeconfig');
		await tmux.waitForText(`kubeconfig ${kubeconfig}`);

		// y on the apps list: the app's own object, billing's Kustomization (first in the list), suspended.
		await waitFor(async () => pointerLine(await tmux.screen()).includes('billing'), {timeoutMs: 10_000, describe: () => 'billing selected'});
		await tmux.keys(['y']);
		await tmux.waitForText(/Kustomization\/billing in flux-system (\d+-\d+\/\d+ )?\(live and desired/);
		const billing = await readYaml(tmux);
		expect(billing).toContain('kind: Kustomization');
		expect(billing).toContain('suspend: true');
		expect(billing).toContain('gitops-tui.io/pause-reason');
		await tmux.keys(['Escape']);
		await tmux.waitForText(/NAME/);

		// y on a Missing ConfigMap: its live side says so.
		await typeCommand(tmux, 'app payments');
		await tmux.waitForText(/ConfigMap\/fraud-rules/);
		await pointAt(tmux, 'ConfigMap/fraud-rules');
		await tmux.keys(['y']);
		const missing = await tmux.waitForText(/ConfigMap\/fraud-rules in payments (\d+-\d+\/\d+ )?\(live and desired/);
		expect(missing).toContain('not in the cluster: this object is Missing');
		expect(missing).toContain('# desired: Git at');
		await tmux.keys(['Escape']);
		// Back in the tree before the next key, so each screen is checked.
		await tmux.waitForText(/events of /);

		// y on the Secret: both sides, values masked, the demo's (fake) values nowhere, even base64.
		await pointAt(tmux, 'Secret/payments-provider');
		await tmux.keys(['y']);
		await tmux.waitForText(/Secret\/payments-provider in payments/);
		const secret = await readYaml(tmux);
		expect(secret).toContain('# live on prod-eu');
		expect(secret).toContain('API_KEY: (masked)');
		expect(secret).toContain('# desired: Git at');
		for (const value of ['demo-not-a-real-api-key', 'demo-not-a-real-webhook-secret']) {
			expect(secret).not.toContain(value);
			expect(secret).not.toContain(Buffer.from(value).toString('base64'));
		}
		await tmux.keys(['Escape']);
		// Back in the tree before the next key, so each screen is checked.
		await tmux.waitForText(/events of /);

		// y on the drifted Deployment, then d toggles to its diff and y back.
		await pointAt(tmux, 'Deployment/api');
		await tmux.keys(['y']);
		await tmux.waitForText(/Deployment\/api in payments (\d+-\d+\/\d+ )?\(live and desired/);
		const deployment = await readYaml(tmux);
		expect(deployment).toContain('kind: Deployment');
		expect(deployment.match(/^# (live on prod-eu|desired: Git at \w+)/gm)).toHaveLength(2);
		// tab: from live to the desired side and back.
		await tmux.keys(['g']);
		await waitFor(async () => (await tmux.screen()).split('\n')[3] === '# live on prod-eu', {timeoutMs: 5000, describe: () => 'the top of the YAML'});
		await tmux.keys(['Tab']);
		await waitFor(async () => /^# desired: Git at \w+/.test((await tmux.screen()).split('\n')[3] ?? '') || (await tmux.screen()).split('\n').slice(4).some(line => line.startsWith('# desired')), {timeoutMs: 5000, describe: () => 'the desired side'});
		await tmux.keys(['Tab']);
		await waitFor(async () => (await tmux.screen()).split('\n')[3] === '# live on prod-eu', {timeoutMs: 5000, describe: () => 'back to live'});
		await tmux.keys(['d']);
		await tmux.waitForText(/apps\/Deployment\/payments\/api: live vs Git/);
		await tmux.keys(['y']);
		await tmux.waitForText(/Deployment\/api in payments (\d+-\d+\/\d+ )?\(live and desired/);
	}, 120_000);
});
