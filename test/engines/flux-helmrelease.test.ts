import {describe, expect, it} from 'vitest';
import {fluxHelmReleaseEngine} from '../../source/engines/flux-helmrelease.js';
import {controllerObjects, discoveryInput} from '../support/scenario-fixtures.js';

const apps = fluxHelmReleaseEngine.discover(discoveryInput({prod: controllerObjects('flux-helmreleases.yaml')}));
const byName = (name: string) => apps.find(app => app.name === name)!;

describe('Flux HelmRelease discovery', () => {
	it('renders a chart kept in the loaded repository with helm, as helm-controller names the release', () => {
		const podinfo = byName('podinfo');
		expect(podinfo).toMatchObject({
			id: 'flux/HelmRelease/prod/apps/podinfo',
			objectKind: 'HelmRelease',
			namespace: 'apps',
			defaultNamespace: 'web',
			fieldManager: 'helm-controller',
		});
		expect(podinfo.sources).toEqual([
			{
				repoUrl: 'https://github.com/example/platform-config',
				path: 'charts/podinfo',
				kind: 'helm',
				helm: {releaseName: 'web-podinfo', namespace: 'web', valueFiles: ['values-prod.yaml'], values: {replicaCount: 2}},
			},
		]);
		// The chart version of a Git chart carries the commit it was built from.
		expect(podinfo.controller).toMatchObject({sync: 'Synced', health: 'Healthy', deployedRevision: '0123456789ab', autoSync: {enabled: true}, source: {ready: true}});
		expect(podinfo.ownership).toEqual([{kind: 'annotations', values: {'meta.helm.sh/release-name': 'web-podinfo', 'meta.helm.sh/release-namespace': 'web'}}]);
		expect(podinfo.decoration.annotations).toEqual({'meta.helm.sh/release-name': 'web-podinfo', 'meta.helm.sh/release-namespace': 'web'});
	});

	it('shows releases of charts from Helm or OCI repositories with the controller view and the reason', () => {
		const ingress = byName('ingress');
		expect(ingress.sources).toEqual([]);
		expect(ingress.sourceProblem).toBe('its chart ingress-nginx comes from HelmRepository apps/ingress-nginx, not from the loaded repository');
		expect(ingress.controller).toMatchObject({sync: 'OutOfSync', message: 'install retries exhausted', autoSync: {enabled: false}, health: 'Suspended'});
		expect(ingress.ownership).toEqual([{kind: 'inventory', ids: ['apps/Deployment/apps/ingress-nginx-controller']}]);
		expect(byName('cache').sourceProblem).toBe('its chart comes from OCIRepository apps/redis, not from the loaded repository');
	});
});
