import {describe, expect, it} from 'vitest';
import {discoverPlainApps, plainDeployedRevision, plainPauseContexts} from '../../source/engines/plain-app.js';
import {emptySettings} from '../../source/engines/settings.js';
import {kubeObject} from '../support/domain-objects.js';
import {contextInfo, discoveryInput} from '../support/scenario-fixtures.js';

describe('plain apps from .gitops-tui.yaml', () => {
	const settings = {
		...emptySettings(),
		apps: [
			{name: 'web', path: './apps/web/'},
			{name: 'jobs', path: 'apps/jobs', context: 'eu', namespace: 'batch'},
			{name: 'gone', path: 'apps/gone', context: 'typo'},
			{name: 'us-only', path: 'apps/us', context: 'us'},
		],
	};
	const input = discoveryInput(
		{},
		{
			contexts: [contextInfo('prod', 'https://prod', {namespace: 'shop'}), contextInfo('eu', 'https://eu')],
			currentContext: 'prod',
			kubeconfigContexts: ['prod', 'eu', 'us'],
			settings,
		},
	);

	it('places apps on their context (the current one by default) with our label, manager and namespace', () => {
		const apps = discoverPlainApps(input);
		expect(apps.map(app => [app.name, app.context, app.namespace, app.error])).toEqual([
			['web', 'prod', 'shop', undefined],
			['jobs', 'eu', 'batch', undefined],
			['gone', undefined, 'default', 'context typo is not in the kubeconfig'],
		]);
		expect(apps[0]).toMatchObject({
			id: 'plain/PlainApp/prod/shop/web',
			engine: 'plain',
			objectKind: 'PlainApp',
			fieldManager: 'gitops-tui',
			sources: [{repoUrl: '', path: 'apps/web', recurse: true}],
			ownership: [{kind: 'labels', values: {'gitops-tui.io/app': 'web'}}],
			decoration: {labels: {'gitops-tui.io/app': 'web'}, annotations: {}, keepLiveAnnotations: ['gitops-tui.io/revision']},
			controller: {sync: 'Unknown', autoSync: {enabled: false}},
		});
	});

	it('reports its pause flag (the ConfigMap gitops-tui-pause-<app> in its namespace) as a pause: who, why, since, until', () => {
		const pause = {'gitops-tui.io/paused-by': 'alice', 'gitops-tui.io/pause-reason': 'batch window', 'gitops-tui.io/paused-at': '2026-12-01T10:00:00Z', 'gitops-tui.io/pause-until': '2026-12-01T12:00:00Z'};
		const flag = kubeObject('v1', 'ConfigMap', 'gitops-tui-pause-jobs', 'batch', {data: {app: 'jobs'}}, {annotations: pause});
		// The same flag for another app, or in another namespace, says nothing about this one.
		const elsewhere = kubeObject('v1', 'ConfigMap', 'gitops-tui-pause-jobs', 'shop', {}, {annotations: pause});
		const apps = discoverPlainApps({...input, objects: (context, kind) => (context === 'eu' && kind.kind === 'ConfigMap' ? [elsewhere, flag] : context === 'prod' && kind.kind === 'ConfigMap' ? [elsewhere] : [])});
		expect(apps.find(app => app.name === 'jobs')?.controller.autoSync).toEqual({enabled: false, pausedBy: 'alice', reason: 'batch window', since: '2026-12-01T10:00:00Z', until: '2026-12-01T12:00:00Z'});
		expect(apps.find(app => app.name === 'web')?.controller.autoSync).toEqual({enabled: false});
	});

	it('names the selected contexts whose ConfigMaps hold pause flags', () => {
		expect(plainPauseContexts(settings, input)).toEqual(['prod', 'eu']);
		expect(plainPauseContexts({...settings, apps: []}, input)).toEqual([]);
	});

	it('reads the deployed revision from the objects it applied', () => {
		const marked = (sha?: string) => kubeObject('v1', 'ConfigMap', 'c', 'shop', {}, sha ? {annotations: {'gitops-tui.io/revision': sha}} : {});
		expect(plainDeployedRevision([marked('abc'), marked('abc')])).toBe('abc');
		expect(plainDeployedRevision([marked('abc'), marked('def')])).toBeUndefined();
		expect(plainDeployedRevision([marked('abc'), marked()])).toBeUndefined();
		expect(plainDeployedRevision([])).toBeUndefined();
	});
});
