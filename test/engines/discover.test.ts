import {describe, expect, it} from 'vitest';
import {appKinds, discoverApps} from '../../source/engines/discover.js';
import {emptySettings} from '../../source/engines/settings.js';
import {gitopsTuiIgnoreRules} from '../../source/domain/ignore-rules.js';
import {controllerObjects, discoveryInput} from '../support/scenario-fixtures.js';

describe('discovering apps with every engine', () => {
	it('reads each app kind once', () => {
		expect(appKinds().map(kind => `${kind.group}/${kind.version}/${kind.kind}`)).toEqual([
			'kustomize.toolkit.fluxcd.io/v1/Kustomization',
			'source.toolkit.fluxcd.io/v1/GitRepository',
			'helm.toolkit.fluxcd.io/v2/HelmRelease',
			'argoproj.io/v1alpha1/Application',
		]);
	});

	it('merges Flux, Argo CD and plain apps sorted by name, with the repository ignore rules on each', () => {
		const ignore = gitopsTuiIgnoreRules([{group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas']}]);
		const settings = {...emptySettings(), apps: [{name: 'billing', path: 'apps/billing'}], ignore};
		const apps = discoverApps(
			discoveryInput({prod: [...controllerObjects('flux-kustomizations.yaml'), ...controllerObjects('argo-applications.yaml')]}, {settings, currentContext: 'prod', kubeconfigContexts: ['prod']}),
		);
		expect(apps.map(app => `${app.name}/${app.engine}`)).toEqual([
			'billing/argo',
			'billing/plain',
			'elsewhere/flux',
			'from-oci/flux',
			'frozen/flux',
			'guestbook/argo',
			'metrics/argo',
			'orphan/argo',
			'payments/flux',
			'remote/flux',
		]);
		expect(apps.find(app => app.name === 'payments')!.ignoreRules).toEqual(ignore);
		expect(apps.find(app => app.name === 'guestbook')!.ignoreRules.slice(-1)).toEqual(ignore);
	});
});
