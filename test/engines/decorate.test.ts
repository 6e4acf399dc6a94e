import {describe, expect, it} from 'vitest';
import {argoMethodOf, decorateDesired} from '../../source/engines/decorate.js';
import type {Decoration} from '../../source/engines/engine.js';
import {kubeObject} from '../support/domain-objects.js';

const key = {group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'shop', name: 'web'};
const desired = kubeObject('apps/v1', 'Deployment', 'web', undefined, {spec: {replicas: 2}}, {labels: {app: 'web'}});
const argo: Decoration = {labels: {}, annotations: {}, argoTracking: {appName: 'web', labelKey: 'app.kubernetes.io/instance'}};

describe('decorating desired objects as the controller applies them', () => {
	it('adds the controller labels over the manifest\'s and fills the namespace of namespaced objects', () => {
		const flux: Decoration = {labels: {'kustomize.toolkit.fluxcd.io/name': 'web', app: 'overridden'}, annotations: {note: 'x'}};
		expect(decorateDesired(desired, {decoration: flux, key, namespaced: true})).toEqual({
			...desired,
			metadata: {name: 'web', namespace: 'shop', labels: {app: 'overridden', 'kustomize.toolkit.fluxcd.io/name': 'web'}, annotations: {note: 'x'}},
		});
		expect(decorateDesired(desired, {decoration: flux, key: {...key, namespace: ''}, namespaced: false}).metadata.namespace).toBeUndefined();
		expect(desired.metadata).toEqual({name: 'web', labels: {app: 'web'}});
	});

	it('keeps bookkeeping annotations the live object has', () => {
		const plain: Decoration = {labels: {'gitops-tui.io/app': 'web'}, annotations: {}, keepLiveAnnotations: ['gitops-tui.io/revision']};
		const live = kubeObject('apps/v1', 'Deployment', 'web', 'shop', {}, {annotations: {'gitops-tui.io/revision': 'abc'}});
		expect(decorateDesired(desired, {decoration: plain, key, namespaced: true, live}).metadata.annotations).toEqual({'gitops-tui.io/revision': 'abc'});
		expect(decorateDesired(desired, {decoration: plain, key, namespaced: true}).metadata.annotations).toBeUndefined();
	});

	it('marks Argo CD objects the way their live copies are marked', () => {
		const labelled = kubeObject('apps/v1', 'Deployment', 'web', 'shop', {}, {labels: {'app.kubernetes.io/instance': 'web'}});
		const byLabel = decorateDesired(desired, {decoration: argo, key, namespaced: true, live: labelled});
		expect(byLabel.metadata.labels).toEqual({app: 'web', 'app.kubernetes.io/instance': 'web'});
		expect(byLabel.metadata.annotations).toBeUndefined();

		const annotated = kubeObject('apps/v1', 'Deployment', 'web', 'shop', {}, {annotations: {'argocd.argoproj.io/tracking-id': 'team_web:apps/Deployment:shop/web'}});
		const byAnnotation = decorateDesired(desired, {decoration: argo, key, namespaced: true, live: annotated});
		expect(byAnnotation.metadata.annotations).toEqual({'argocd.argoproj.io/tracking-id': 'team_web:apps/Deployment:shop/web'});
		expect(byAnnotation.metadata.labels).toEqual({app: 'web'});

		const missing = decorateDesired(desired, {decoration: argo, key, namespaced: true, argoMethod: 'annotation'});
		expect(missing.metadata.annotations).toEqual({'argocd.argoproj.io/tracking-id': 'web:apps/Deployment:shop/web'});
	});

	it('finds the app-wide tracking method from its live objects', () => {
		const label = (name: string) => kubeObject('v1', 'ConfigMap', name, 'shop', {}, {labels: {'app.kubernetes.io/instance': 'web'}});
		expect(argoMethodOf([label('a'), label('b')], 'app.kubernetes.io/instance')).toBe('label');
		expect(argoMethodOf([], 'app.kubernetes.io/instance')).toBe('annotation');
	});
});
