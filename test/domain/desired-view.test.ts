import {describe, expect, it} from 'vitest';
import {liveFieldsOf} from '../../source/domain/desired-view.js';
import {kubeObject} from '../support/domain-objects.js';

describe('liveFieldsOf', () => {
	it('keeps only what the manifest sets, list items matched by key', () => {
		const desired = kubeObject('apps/v1', 'Deployment', 'web', 'shop', {
			spec: {replicas: 2, template: {spec: {containers: [{name: 'web', image: 'a:1', args: ['--x']}, {name: 'gone', image: 'g:1'}]}}},
		}, {labels: {app: 'web'}, finalizers: ['f/a']});
		const live = kubeObject('apps/v1', 'Deployment', 'web', 'shop', {
			spec: {
				replicas: 5,
				progressDeadlineSeconds: 600,
				template: {spec: {containers: [{name: 'sidecar', image: 's:1'}, {name: 'web', image: 'a:2', args: ['--x', '--y'], imagePullPolicy: 'IfNotPresent'}]}},
			},
			status: {replicas: 5},
		}, {labels: {app: 'web', extra: 'x'}, uid: 'u1', finalizers: ['f/b', 'f/a']});
		expect(liveFieldsOf(desired, live)).toEqual({
			apiVersion: 'apps/v1',
			kind: 'Deployment',
			metadata: {name: 'web', namespace: 'shop', labels: {app: 'web'}, finalizers: ['f/a']},
			spec: {replicas: 5, template: {spec: {containers: [{name: 'web', image: 'a:2', args: ['--x', '--y']}]}}},
		});
	});
});
