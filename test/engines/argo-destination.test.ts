import {describe, expect, it} from 'vitest';
import {destinationContext, normaliseServerUrl} from '../../source/engines/argo-destination.js';
import {contextInfo} from '../support/scenario-fixtures.js';

const contexts = [contextInfo('mgmt', 'https://mgmt.example.com:6443'), contextInfo('eu', 'https://eu.example.com'), contextInfo('eu-admin', 'https://eu.example.com/')];

describe('Argo CD destination to kubeconfig context', () => {
	it('takes in-cluster (by URL or name) as the Application\'s own context', () => {
		expect(destinationContext({server: 'https://kubernetes.default.svc'}, 'mgmt', contexts)).toEqual({ok: true, context: 'mgmt'});
		expect(destinationContext({server: 'https://kubernetes.default.svc:443/'}, 'eu', contexts)).toEqual({ok: true, context: 'eu'});
		expect(destinationContext({name: 'in-cluster'}, 'mgmt', contexts)).toEqual({ok: true, context: 'mgmt'});
	});

	it('matches servers however they are spelled, preferring the Application\'s own context', () => {
		expect(destinationContext({server: 'https://EU.example.com:443'}, 'mgmt', contexts)).toEqual({ok: true, context: 'eu'});
		expect(destinationContext({server: 'https://eu.example.com'}, 'eu-admin', contexts)).toEqual({ok: true, context: 'eu-admin'});
		expect(destinationContext({server: 'https://mgmt.example.com:6443/'}, 'eu', contexts)).toEqual({ok: true, context: 'mgmt'});
	});

	it('matches a cluster name to the context of that name', () => {
		expect(destinationContext({name: 'eu'}, 'mgmt', contexts)).toEqual({ok: true, context: 'eu'});
		expect(destinationContext({name: 'asia'}, 'mgmt', contexts)).toMatchObject({ok: false, message: expect.stringContaining('"asia"')});
	});

	it('says when nothing matches', () => {
		expect(destinationContext({server: 'https://mgmt.example.com'}, 'eu', contexts)).toMatchObject({ok: false, message: expect.stringContaining('https://mgmt.example.com')});
		expect(destinationContext({}, 'eu', contexts)).toEqual({ok: false, message: 'spec.destination names neither a server nor a cluster name'});
	});

	it('normalises server URLs', () => {
		expect(normaliseServerUrl('HTTPS://API.Example.com:443/')).toBe('https://api.example.com');
		expect(normaliseServerUrl('https://10.0.0.1:6443')).toBe('https://10.0.0.1:6443');
		expect(normaliseServerUrl('http://localhost:80/k8s/')).toBe('http://localhost/k8s');
	});
});
