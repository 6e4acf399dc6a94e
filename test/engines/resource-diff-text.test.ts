import {describe, expect, it} from 'vitest';
import {formatResourceDiff} from '../../source/engines/resource-diff-text.js';
import type {ResourceResult} from '../../source/domain/verdict.js';
import {kubeObject} from '../support/domain-objects.js';

const key = {group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'shop', name: 'web'};
const deployment = (image: string, extra: Record<string, unknown> = {}) =>
	kubeObject('apps/v1', 'Deployment', 'web', 'shop', {spec: {replicas: 2, template: {spec: {containers: [{name: 'web', image, ...extra}]}}}});

describe('one resource of gitops-tui diff', () => {
	it('heads the diff with the verdict and each drifted field\'s manager, then shows live against merged', () => {
		const result: ResourceResult = {
			key,
			verdict: 'Drifted',
			fields: [
				{path: '.spec.template.spec.containers[name="web"].image', manager: 'kubectl-edit'},
				{path: '.spec.replicas', manager: 'hpa-controller', ignored: true},
			],
		};
		const text = formatResourceDiff(result, {live: deployment('nginx:1.28'), merged: deployment('nginx:1.27'), desired: deployment('nginx:1.27'), exact: true});
		expect(text).toBe(
			[
				'# Deployment shop/web (apps/v1): Drifted',
				'#   .spec.template.spec.containers[name="web"].image  set by kubectl-edit',
				'#   .spec.replicas  set by hpa-controller  [ignored by a rule]',
				'--- live/apps/v1/Deployment/shop/web',
				'+++ merged/apps/v1/Deployment/shop/web',
				'@@ -8,5 +8,5 @@',
				'   template:',
				'     spec:',
				'       containers:',
				'-        - image: nginx:1.28',
				'+        - image: nginx:1.27',
				'           name: web',
				'',
			].join('\n'),
		);
	});

	it('in fast mode compares only what the manifest sets, so server defaults do not show', () => {
		const live = deployment('nginx:1.28', {imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log'});
		const text = formatResourceDiff({key, verdict: 'Drifted', fields: [{path: '.spec.template.spec.containers[name="web"].image'}]}, {live, merged: deployment('nginx:1.27'), desired: deployment('nginx:1.27'), exact: false});
		expect(text).not.toContain('imagePullPolicy');
		expect(text).toContain('+        - image: nginx:1.27');
	});

	it('shows Missing objects as created and Extra objects as removed, and Unknown ones with the reason only', () => {
		const missing = formatResourceDiff({key, verdict: 'Missing', fields: []}, {merged: deployment('nginx:1.27'), desired: deployment('nginx:1.27'), exact: false});
		expect(missing.split('\n')[0]).toBe('# Deployment shop/web (apps/v1): Missing (in Git, not in the cluster)');
		expect(missing).toContain('@@ -0,0 +1,');
		const extra = formatResourceDiff({key, verdict: 'Extra', fields: []}, {live: deployment('nginx:1.27'), exact: false});
		expect(extra.split('\n')[0]).toBe('# Deployment shop/web (apps/v1): Extra (in the cluster as part of the app, not in Git)');
		expect(extra).toMatch(/^@@ -1,\d+ \+0,0 @@$/m);
		const unknown = formatResourceDiff({key, verdict: 'Unknown', fields: [], error: 'cannot list Deployment: forbidden'}, {exact: false});
		expect(unknown).toBe('# Deployment shop/web (apps/v1): Unknown\n#   cannot list Deployment: forbidden\n');
	});

	it('masks Secrets given with stringData in fast mode, lining keys up', () => {
		const desired = kubeObject('v1', 'Secret', 'creds', 'shop', {stringData: {password: 'git-canary'}});
		const live = kubeObject('v1', 'Secret', 'creds', 'shop', {data: {password: Buffer.from('live-canary').toString('base64'), other: 'eA=='}, type: 'Opaque'});
		const text = formatResourceDiff(
			{key: {group: '', version: 'v1', kind: 'Secret', namespace: 'shop', name: 'creds'}, verdict: 'Drifted', fields: [{path: '.data.password', manager: 'kubectl-edit'}]},
			{live, merged: desired, desired, exact: false},
		);
		expect(text).toContain("-  password: '(masked: live value)'");
		expect(text).toContain("+  password: '(masked: desired value)'");
		expect(text).not.toMatch(/canary|bGl2ZS1jYW5hcnk|other/);
	});
});

describe('the diff text agrees with the verdict', () => {
	const withCpu = (cpu: string, replicas: number) =>
		kubeObject('apps/v1', 'Deployment', 'web', 'shop', {spec: {replicas, template: {spec: {containers: [{name: 'web', image: 'nginx:1.27', resources: {requests: {cpu}}}]}}}});

	it('shows no change for a quantity written differently (1 vs 1000m), which the verdict takes as equal', () => {
		const text = formatResourceDiff({key, verdict: 'Synced', fields: [{path: '.spec.replicas', ignored: true}]}, {live: withCpu('1', 5), merged: withCpu('1000m', 2), desired: withCpu('1000m', 2), exact: false}, {showIgnored: false});
		expect(text).toBe('# Deployment shop/web (apps/v1): Synced (differences hidden by ignore rules)\n#   .spec.replicas  [ignored by a rule]\n');
	});

	it('shows an ignored field only when asked (the TUI toggle), and never the equal quantity', () => {
		const text = formatResourceDiff({key, verdict: 'Synced', fields: [{path: '.spec.replicas', ignored: true}]}, {live: withCpu('1', 5), merged: withCpu('1000m', 2), desired: withCpu('1000m', 2), exact: true});
		expect(text).toMatch(/^-\s+replicas: 5$/m);
		expect(text).toMatch(/^\+\s+replicas: 2$/m);
		expect(text).not.toMatch(/^[-+].*cpu/m);
	});

	it('shows the removal of a field the controller takes over, which its dry-run cannot show, under a dotted label key', () => {
		const live = kubeObject('v1', 'ConfigMap', 'settings', 'shop', {data: {colour: 'blue'}}, {labels: {'app.kubernetes.io/name': 'web', 'example.com/handmade': 'yes'}});
		const desired = kubeObject('v1', 'ConfigMap', 'settings', 'shop', {data: {colour: 'blue'}}, {labels: {'app.kubernetes.io/name': 'web'}});
		const note = "kustomize-controller takes over kubectl-label's fields and reverts this on its next apply";
		const result: ResourceResult = {
			key: {group: '', version: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'settings'},
			verdict: 'Drifted',
			fields: [{path: '.metadata.labels.example.com/handmade', manager: 'kubectl-label', note}],
		};
		for (const exact of [true, false]) {
			// The dry-run as kustomize-controller keeps the label (kubectl-label owns it): merged is live itself.
			const text = formatResourceDiff(result, {live, merged: exact ? live : desired, desired, exact});
			expect(text).toContain(`#   .metadata.labels.example.com/handmade  set by kubectl-label  (${note})`);
			expect(text).toMatch(/^-\s+example\.com\/handmade: 'yes'$/m);
			expect(text.match(/^[-+]\s/gm)).toHaveLength(1);
		}
	});
});
