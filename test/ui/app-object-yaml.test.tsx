/** `y` on the apps list: the app's own object (its Kustomization or Application), loaded from the source, in full. */
import {afterEach, describe, expect, it} from 'vitest';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {fakeFleetSource} from '../support/fake-fleet-source.js';
import {seededFastDiff, startTui} from '../support/tui-harness.js';
import {seededSnapshot} from '../support/tui-snapshot.js';

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

const longMessage = `Applied revision: main@sha1:abc1234 ${'with a long controller message '.repeat(5)}END-OF-MESSAGE`;
const kustomization: KubeObject = {
	apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
	kind: 'Kustomization',
	metadata: {name: 'shop', namespace: 'flux-system'},
	spec: {interval: '1h', path: './apps/shop', prune: true, sourceRef: {kind: 'GitRepository', name: 'fleet'}},
	status: {conditions: [{type: 'Ready', status: 'True', reason: 'ReconciliationSucceeded', message: longMessage}], lastAppliedRevision: 'main@sha1:abc1234'},
};

function start() {
	const source = fakeFleetSource({initial: seededSnapshot(), fastDiff: seededFastDiff, history: {status: 'ready', commits: [], deployed: {}}});
	const asked: string[] = [];
	source.loadAppObject = async appId => {
		asked.push(appId);
		return appId.includes('/plain/') ? {status: 'error', error: 'a plain app has no object of its own'} : {status: 'ready', object: kustomization, context: 'prod-eu'};
	};
	const tui = startTui({source});
	unmount = tui.app.unmount;
	return {...tui, asked};
}

describe('y on an app', () => {
	it('shows its Kustomization live, status and long messages in full, and why it has no desired side', async () => {
		const tui = start();
		await tui.ready();
		tui.press('jjj'); // billing, checkout, payments, then shop on prod-eu
		await tui.until('› shop');
		tui.press('y');
		const frame = await tui.until('Kustomization/shop in flux-system');
		expect(tui.asked).toEqual(['prod-eu/flux/shop/shop']);
		expect(frame).toContain('# live on prod-eu');
		expect(frame).toContain('kind: Kustomization');
		tui.press('G');
		const bottom = (await tui.until('# desired')).replace(/\n\s+/g, ' ');
		expect(bottom).toContain('END-OF-MESSAGE');
		expect(bottom).toContain("compares the app's resources with Git, not its own object");
	});

	it('says a plain app has no object of its own', async () => {
		const tui = start();
		await tui.ready();
		tui.press('j');
		await tui.until('› checkout');
		tui.press('y');
		await tui.until('a plain app has no object of its own');
	});
});
