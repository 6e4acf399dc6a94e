/** When each controller last applied its app, read where the controller writes it (for the wide apps list). */
import {describe, expect, it} from 'vitest';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {argoApplicationEngine} from '../../source/engines/argo-application.js';
import {fluxHelmReleaseEngine} from '../../source/engines/flux-helmrelease.js';
import {fluxKustomizationEngine} from '../../source/engines/flux-kustomization.js';
import {contextInfo, controllerObject, controllerObjects, discoveryInput} from '../support/scenario-fixtures.js';

/** The fixture's objects with `patch` merged into the status of the one named. */
function withStatus(file: string, kind: string, name: string, patch: Record<string, unknown>): KubeObject[] {
	const target = controllerObject(file, kind, name);
	return controllerObjects(file).map(object => (object.kind === kind && object.metadata.name === name ? {...target, status: {...(target.status as object), ...patch}} : object));
}

describe('the controller’s last sync', () => {
	it('Flux Kustomization: the newest status.history entry’s lastReconciled', () => {
		const objects = withStatus('flux-kustomizations.yaml', 'Kustomization', 'payments', {
			history: [
				{digest: 'sha256:b', firstReconciled: '2026-11-20T10:00:00Z', lastReconciled: '2026-11-22T02:02:00Z', lastReconciledDuration: '1.2s', lastReconciledStatus: 'ReconciliationSucceeded', totalReconciliations: 40, metadata: {revision: 'main@sha1:0123'}},
				{digest: 'sha256:a', firstReconciled: '2026-11-19T10:00:00Z', lastReconciled: '2026-11-20T09:59:00Z', lastReconciledDuration: '1.1s', lastReconciledStatus: 'ReconciliationSucceeded', totalReconciliations: 9, metadata: {revision: 'main@sha1:4567'}},
			],
		});
		const apps = fluxKustomizationEngine.discover(discoveryInput({prod: objects}));
		expect(apps.find(app => app.name === 'payments')!.controller.lastSync).toBe('2026-11-22T02:02:00Z');
		// Older kustomize-controllers keep no history: no time rather than a guess.
		expect(apps.find(app => app.name === 'frozen')!.controller.lastSync).toBeUndefined();
	});

	it('Flux HelmRelease: the newest release’s lastDeployed', () => {
		const release = controllerObject('flux-helmreleases.yaml', 'HelmRelease', 'podinfo');
		const history = ((release.status as {history: Array<Record<string, unknown>>}).history).map(entry => ({...entry, firstDeployed: '2026-11-01T00:00:00Z', lastDeployed: '2026-11-21T08:00:00Z'}));
		const apps = fluxHelmReleaseEngine.discover(discoveryInput({prod: withStatus('flux-helmreleases.yaml', 'HelmRelease', 'podinfo', {history})}));
		expect(apps.find(app => app.name === 'podinfo')!.controller.lastSync).toBe('2026-11-21T08:00:00Z');
	});

	it('Argo CD: status.operationState.finishedAt', () => {
		const objects = withStatus('argo-applications.yaml', 'Application', 'guestbook', {operationState: {phase: 'Succeeded', startedAt: '2026-11-22T01:00:00Z', finishedAt: '2026-11-22T01:00:07Z'}});
		const input = discoveryInput({mgmt: objects}, {contexts: [contextInfo('mgmt', 'https://mgmt.example.com', {current: true}), contextInfo('eu', 'https://eu.example.com'), contextInfo('us-east', 'https://us.example.com')]});
		expect(argoApplicationEngine.discover(input).find(app => app.name === 'guestbook')!.controller.lastSync).toBe('2026-11-22T01:00:07Z');
	});
});
