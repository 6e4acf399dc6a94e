import {describe, expect, it} from 'vitest';
import {readOnlyRefusal} from '../../source/cluster/read-only-guard.js';

describe('readOnlyRefusal', () => {
	it.each([
		['GET', '/api/v1/namespaces/web/configmaps'],
		['GET', '/apis/apps/v1/deployments?watch=true&resourceVersion=5'],
		['get', '/version'],
		['POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews'],
		['POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews'],
		['POST', '/apis/authentication.k8s.io/v1beta1/selfsubjectreviews'],
	])('lets %s %s through', (method, path) => {
		expect(readOnlyRefusal(method, path)).toBeUndefined();
	});

	it.each([
		['PATCH', '/apis/apps/v1/namespaces/web/deployments/api?fieldManager=gitops-tui'],
		['PATCH', '/apis/apps/v1/namespaces/web/deployments/api?dryRun=All'],
		['PUT', '/api/v1/namespaces/web/configmaps/x'],
		['DELETE', '/api/v1/namespaces/web/pods/x'],
		['POST', '/api/v1/namespaces/web/configmaps'],
		['HEAD', '/version'],
		['POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews'],
		['POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews/../../../../api/v1/namespaces/web/configmaps'],
		['POST', '/x/../apis/authentication.k8s.io/v1/selfsubjectreviews'],
	])('refuses %s %s before it is sent', (method, path) => {
		const refusal = readOnlyRefusal(method, path);
		expect(refusal?.kind).toBe('read-only');
		expect(refusal?.message).toContain(method.toUpperCase());
	});
});
