import {describe, expect, it} from 'vitest';
import {fluxControllerSync, fluxRevisionSha} from '../../source/engines/flux-common.js';
import {kubeObject} from '../support/domain-objects.js';

describe('Flux revisions', () => {
	it.each([
		['main@sha1:0123456789abcdef0123456789abcdef01234567', '0123456789abcdef0123456789abcdef01234567'],
		['sha1:0123456789abcdef0123456789abcdef01234567', '0123456789abcdef0123456789abcdef01234567'],
		['refs/tags/v1.2.0@sha1:89abcdef0123456789abcdef0123456789abcdef', '89abcdef0123456789abcdef0123456789abcdef'],
		['main/0123456789abcdef0123456789abcdef01234567', '0123456789abcdef0123456789abcdef01234567'],
		['6.5.0', undefined],
		['sha256:0123456789abcdef', undefined],
		[undefined, undefined],
	])('%s → %s', (revision, sha) => {
		expect(fluxRevisionSha(revision)).toBe(sha);
	});
});

describe('the controller verdict from conditions', () => {
	const withConditions = (conditions: unknown[]) => kubeObject('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'k', 'flux-system', {status: {conditions}});
	it('is Synced when Ready, OutOfSync when the last reconciliation failed, Unknown while reconciling', () => {
		expect(fluxControllerSync(withConditions([{type: 'Ready', status: 'True', message: 'Applied revision: main@sha1:abc'}]))).toEqual({sync: 'Synced', message: 'Applied revision: main@sha1:abc'});
		expect(fluxControllerSync(withConditions([{type: 'Ready', status: 'False', reason: 'BuildFailed'}]))).toEqual({sync: 'OutOfSync', message: 'BuildFailed'});
		expect(fluxControllerSync(withConditions([{type: 'Ready', status: 'True'}, {type: 'Reconciling', status: 'True', message: 'running health checks'}]))).toEqual({
			sync: 'Unknown',
			message: 'running health checks',
		});
		expect(fluxControllerSync(withConditions([]))).toEqual({sync: 'Unknown', message: 'the controller has not reported yet'});
	});
});
