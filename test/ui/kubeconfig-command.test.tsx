/** `:kubeconfig` says which kubeconfig file the session reads (the demo's own) and how to point `status` at it. */
import {afterEach, describe, expect, it} from 'vitest';
import {fakeFleetSource} from '../support/fake-fleet-source.js';
import {seededFastDiff, startTui} from '../support/tui-harness.js';
import {seededSnapshot} from '../support/tui-snapshot.js';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

function start(kubeconfig?: string) {
	const source = fakeFleetSource({initial: seededSnapshot(), fastDiff: seededFastDiff, history: {status: 'ready', commits: [], deployed: {}}});
	if (kubeconfig) source.kubeconfig = kubeconfig;
	const tui = startTui({source});
	unmount = tui.app.unmount;
	return tui;
}

describe(':kubeconfig', () => {
	it('names the file and the status command for a second terminal, in full in the details pane', async () => {
		const tui = start('/tmp/gitops-tui-demo-x1/kubeconfig');
		await tui.ready();
		tui.press(':');
		tui.press('kubeconfig\r');
		const frame = await tui.until('kubeconfig /tmp/gitops-tui-demo-x1/kubeconfig');
		expect(frame).not.toContain(':kubeconfig');
		expect(frame).not.toContain('—');
		tui.press('v');
		const details = (await tui.until('Message')).replace(/\n {2}/g, ' ');
		expect(details).toContain('gitops-tui status --kubeconfig /tmp/gitops-tui-demo-x1/kubeconfig --all-contexts --repo git@example.com:org/fleet.git');
	});

	it('is listed in the help', async () => {
		const tui = start();
		await tui.ready();
		tui.press('?');
		await tui.until('Keys (esc or ? to close)');
		tui.press('G');
		await tui.until(':kubeconfig (the file this session reads');
	});

	it('says so when the session names no file', async () => {
		const tui = start();
		await tui.ready();
		tui.press(':');
		tui.press('kc\r');
		await tui.until('this session names no kubeconfig file');
	});
});
