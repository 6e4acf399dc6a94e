import {describe, expect, it} from 'vitest';
import {parseFieldPath} from '../../source/domain/field-path-notation.js';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {withoutFields} from '../../source/domain/remove-fields.js';

const deployment: KubeObject = {
	apiVersion: 'apps/v1',
	kind: 'Deployment',
	metadata: {name: 'web', labels: {app: 'web'}, finalizers: ['a', 'b']},
	spec: {
		replicas: 5,
		template: {spec: {containers: [{name: 'web', image: 'nginx:1.27', ports: [{containerPort: 80}]}, {name: 'sidecar', image: 'envoy'}]}},
	},
};

describe('withoutFields', () => {
	it('removes map fields, keyed list items, fields inside them and set values', () => {
		const paths = ['.spec.replicas', '.spec.template.spec.containers[name="web"].image', '.spec.template.spec.containers[name="sidecar"]', '.metadata.finalizers[="a"]'].map(parseFieldPath);
		const result = withoutFields(deployment, paths);
		expect(result.spec).toEqual({template: {spec: {containers: [{name: 'web', ports: [{containerPort: 80}]}]}}});
		expect(result.metadata.finalizers).toEqual(['b']);
	});

	it('finds list items by keys the server defaults, and skips paths that do not exist', () => {
		const result = withoutFields(deployment, [parseFieldPath('.spec.template.spec.containers[name="web"].ports[containerPort=80,protocol="TCP"]'), parseFieldPath('.spec.nothing.here'), parseFieldPath('.spec.template.spec.containers[name="nobody"].image')]);
		expect((result.spec as {template: {spec: {containers: Array<{ports: unknown[]}>}}}).template.spec.containers[0]!.ports).toEqual([]);
	});

	it('never changes its input', () => {
		const before = JSON.stringify(deployment);
		withoutFields(deployment, [parseFieldPath('.spec.replicas')]);
		expect(JSON.stringify(deployment)).toBe(before);
	});
});
