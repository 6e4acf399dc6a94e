import {describe, expect, it} from 'vitest';
import {selectContexts} from '../../source/cluster/context-selection.js';
import {mergeKubeconfigs} from '../../source/cluster/kubeconfig-load.js';
import type {Kubeconfig, KubeconfigFile} from '../../source/cluster/kubeconfig-types.js';

const file: KubeconfigFile = {
	file: '/home/op/.kube/config',
	currentContext: 'prod',
	clusters: [{name: 'prod', server: 'https://prod', insecureSkipTlsVerify: false, file: '/home/op/.kube/config'}],
	users: [{name: 'op', token: 't', file: '/home/op/.kube/config'}],
	contexts: [
		{name: 'prod', cluster: 'prod', user: 'op', namespace: 'web', file: '/home/op/.kube/config'},
		{name: 'anon', cluster: 'prod', user: '', file: '/home/op/.kube/config'},
		{name: 'dangling', cluster: 'gone', user: 'op', file: '/home/op/.kube/config'},
		{name: 'no-user', cluster: 'prod', user: 'ghost', file: '/home/op/.kube/config'},
	],
};
const kubeconfig: Kubeconfig = {...mergeKubeconfigs([file]), warnings: []};

describe('selectContexts', () => {
	it('selects the current context by default, with its namespace', () => {
		const result = selectContexts(kubeconfig, {});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value).toHaveLength(1);
		const resolved = result.value[0]!.resolved;
		expect(resolved.ok && resolved.value).toMatchObject({name: 'prod', current: true, namespace: 'web', cluster: {server: 'https://prod'}, user: {name: 'op'}});
	});

	it('keeps --context order, drops duplicates, and defaults the namespace to "default"', () => {
		const result = selectContexts(kubeconfig, {contexts: ['anon', 'prod', 'anon']});
		expect(result.ok && result.value.map(selection => selection.name)).toEqual(['anon', 'prod']);
		const anon = result.ok ? result.value[0]!.resolved : undefined;
		expect(anon?.ok && anon.value).toMatchObject({current: false, namespace: 'default', user: {name: ''}});
	});

	it('fails as a whole for an unknown --context', () => {
		const result = selectContexts(kubeconfig, {contexts: ['prod', 'staging']});
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.error.message).toBe('context "staging" not found in /home/op/.kube/config');
	});

	it('--all-contexts lists every context; dangling references fail only their own entry, naming the file', () => {
		const result = selectContexts(kubeconfig, {allContexts: true});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value.map(selection => [selection.name, selection.resolved.ok])).toEqual([
			['prod', true],
			['anon', true],
			['dangling', false],
			['no-user', false],
		]);
		const dangling = result.value[2]!.resolved;
		expect(!dangling.ok && dangling.error.message).toBe('context "dangling" (in /home/op/.kube/config) refers to cluster "gone", which no kubeconfig file defines');
		const noUser = result.value[3]!.resolved;
		expect(!noUser.ok && noUser.error.message).toBe('context "no-user" (in /home/op/.kube/config) refers to user "ghost", which no kubeconfig file defines');
	});

	it('says what to do when there is no current context', () => {
		const none: Kubeconfig = {...kubeconfig, currentContext: undefined};
		const result = selectContexts(none, {});
		expect(!result.ok && result.error.message).toBe('no current-context in /home/op/.kube/config: pass --context or --all-contexts');
	});

	it('fails when current-context names a context that does not exist', () => {
		const wrong: Kubeconfig = {...kubeconfig, currentContext: {name: 'old', file: '/home/op/.kube/config'}};
		const result = selectContexts(wrong, {});
		expect(!result.ok && result.error.message).toBe('current-context "old" (set in /home/op/.kube/config) is not defined in /home/op/.kube/config');
	});
});
