import {describe, expect, it} from 'vitest';
import {decorateDesired} from '../../../source/engines/decorate.js';
import {managerOf, mark} from '../../../source/sandbox/demo/deploy.js';

const sha = 'e'.repeat(40);
const service = {apiVersion: 'v1', kind: 'Service', metadata: {name: 'web', namespace: 'shop', labels: {app: 'web'}}};

describe('mark', () => {
	it('adds kustomize-controller labels', () => {
		const deployer = {engine: 'flux', kustomization: 'shop', targetNamespace: 'shop'} as const;
		expect(mark(service, deployer, sha).metadata).toEqual({name: 'web', namespace: 'shop', labels: {app: 'web', 'kustomize.toolkit.fluxcd.io/name': 'shop', 'kustomize.toolkit.fluxcd.io/namespace': 'flux-system'}});
		expect(managerOf(deployer)).toBe('kustomize-controller');
	});

	it('adds Argo CD tracking label and annotation, exactly as the engines decorate desired objects', () => {
		const deployer = {engine: 'argo', application: 'payments', namespace: 'payments'} as const;
		const marked = mark({...service, metadata: {...service.metadata, namespace: 'payments'}}, deployer, sha);
		expect(marked.metadata.labels).toEqual({app: 'web', 'app.kubernetes.io/instance': 'payments'});
		expect(marked.metadata.annotations).toEqual({'argocd.argoproj.io/tracking-id': 'payments:/Service:payments/web'});
		const decorated = decorateDesired(
			{...service, metadata: {...service.metadata, namespace: 'payments'}},
			{decoration: {labels: {}, annotations: {}, argoTracking: {appName: 'payments', labelKey: 'app.kubernetes.io/instance'}}, key: {group: '', version: 'v1', kind: 'Service', namespace: 'payments', name: 'web'}, namespaced: true, live: marked},
		);
		expect(decorated.metadata).toEqual(marked.metadata);
		expect(managerOf(deployer)).toBe('argocd-controller');
	});

	it('adds gitops-tui label and revision, and the settings namespace where the manifest names none', () => {
		const deployer = {engine: 'plain', app: 'checkout', namespace: 'checkout'} as const;
		const marked = mark({apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'checkout'}}, deployer, sha);
		expect(marked.metadata).toEqual({name: 'checkout', namespace: 'checkout', labels: {'gitops-tui.io/app': 'checkout'}, annotations: {'gitops-tui.io/revision': sha}});
		expect(mark({apiVersion: 'v1', kind: 'Namespace', metadata: {name: 'checkout'}}, deployer, sha).metadata.namespace).toBeUndefined();
		expect(managerOf(deployer)).toBe('gitops-tui');
	});
});
