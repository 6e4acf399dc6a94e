import {describe, expect, it} from 'vitest';
import type {KubeObject} from '../../../source/domain/kube-object.js';
import {renderPlainDirectory} from '../../../source/repo/render/plain.js';
import {applyArgoDestination, applyFluxPostBuild} from '../../../source/repo/render/post-process.js';
import type {RenderedObject} from '../../../source/repo/render/types.js';
import {repoFixtures} from '../../support/repo-helpers.js';

async function fluxFixture(): Promise<RenderedObject[]> {
	const result = await renderPlainDirectory({root: repoFixtures, path: 'flux-substitute'});
	if (!result.ok) throw new Error(result.error.message);
	return result.objects;
}

const object = (kind: string, name: string, extra: Partial<KubeObject> = {}, apiVersion = 'v1'): RenderedObject => ({
	object: {apiVersion, kind, metadata: {name}, ...extra} as KubeObject,
});

describe('applyFluxPostBuild: substitution', () => {
	it('substitutes as Flux does on the YAML text: plain scalars re-read, quoted ones stay strings', async () => {
		const objects = await fluxFixture();
		const result = applyFluxPostBuild(objects, {variables: {APP_NAME: 'web', REPLICAS: '3', PORT: '8080', CURRENCY: 'EUR'}});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const [deployment, configMap, role] = result.objects.map(o => o.object);
		expect(deployment!.metadata).toMatchObject({name: 'web', labels: {region: 'eu-west-1'}});
		const spec = deployment!.spec as {replicas: unknown; template: {spec: {containers: Array<{image: string; env: Array<{value: unknown}>}>}}};
		expect(spec.replicas).toBe(3);
		const container = spec.template.spec.containers[0]!;
		expect(container.image).toBe('nginx:latest');
		expect(container.env.map(e => e.value)).toEqual(['8080', '$5 and EUR', '$HOME stays']);
		// Opted out by annotation: left exactly as written.
		expect(configMap!.data).toEqual({script: 'echo ${NOT_FOR_FLUX}'});
		expect(role!.metadata.name).toBe('web-reader');
		// The inputs are untouched.
		expect(objects[0]!.object.metadata.name).toBe('${APP_NAME}');
	});

	it('substitutes nothing when there are no variables at all, as Flux skips the step', async () => {
		const objects = await fluxFixture();
		const result = applyFluxPostBuild(objects, {variables: {}});
		expect(result.ok && result.objects[0]!.object.metadata.name).toBe('${APP_NAME}');
	});

	it('empties unset variables (a plain scalar becoming null), or refuses them in strict mode', async () => {
		const objects = await fluxFixture();
		const lax = applyFluxPostBuild(objects, {variables: {APP_NAME: 'web'}});
		expect(lax.ok && (lax.objects[0]!.object.spec as {replicas: unknown}).replicas).toBeNull();
		const strict = applyFluxPostBuild(objects, {variables: {APP_NAME: 'web'}, strict: true});
		expect(strict.ok).toBe(false);
		if (strict.ok) return;
		expect(strict.error).toMatchObject({kind: 'substitute', file: 'flux-substitute/app.yaml', line: 9});
		expect(strict.error.message).toContain('spec.replicas: variable substitution failed: variable not set (strict mode): "REPLICAS"');
	});

	it('fails with file and line on a malformed expression', () => {
		const rendered: RenderedObject = {
			...object('ConfigMap', 'x', {data: {a: '${BROKEN'}}),
			file: 'apps/x/cm.yaml',
			substitutable: [{path: ['data', 'a'], text: '${BROKEN', plain: true, isKey: false, line: 6}],
		};
		const result = applyFluxPostBuild([rendered], {variables: {A: '1'}});
		expect(result.ok === false && result.error).toMatchObject({kind: 'substitute', file: 'apps/x/cm.yaml', line: 6});
	});

	it('substitutes keys too', () => {
		const rendered: RenderedObject = {
			...object('ConfigMap', 'x', {data: {'${ENV}.properties': 'a=1'}}),
			substitutable: [{path: ['data', '${ENV}.properties'], text: '${ENV}.properties', plain: true, isKey: true, line: 5}],
		};
		const result = applyFluxPostBuild([rendered], {variables: {ENV: 'prod'}});
		expect(result.ok && result.objects[0]!.object.data).toEqual({'prod.properties': 'a=1'});
	});

	it('refuses invalid variable names', () => {
		const result = applyFluxPostBuild([], {variables: {'bad-name': 'x'}});
		expect(result.ok === false && result.error.kind).toBe('substitute');
	});
});

describe('applyFluxPostBuild: targetNamespace', () => {
	it('sets the namespace of every namespaced object (overriding), renames a Namespace, leaves cluster-scoped ones', () => {
		const objects = [
			object('ConfigMap', 'a', {metadata: {name: 'a', namespace: 'elsewhere'}}),
			object('Widget', 'w', {}, 'example.com/v1'),
			object('ClusterRole', 'r', {}, 'rbac.authorization.k8s.io/v1'),
			object('Namespace', 'old'),
		];
		const result = applyFluxPostBuild(objects, {targetNamespace: 'team-a'});
		expect(result.ok && result.objects.map(o => [o.object.kind, o.object.metadata.name, o.object.metadata.namespace])).toEqual([
			['ConfigMap', 'a', 'team-a'],
			['Widget', 'w', 'team-a'],
			['ClusterRole', 'r', undefined],
			['Namespace', 'team-a', undefined],
		]);
	});

	it('asks the cluster first about namespacedness', () => {
		const result = applyFluxPostBuild([object('Widget', 'w', {}, 'example.com/v1')], {
			targetNamespace: 'team-a',
			isNamespaced: (group, kind) => (group === 'example.com' && kind === 'Widget' ? false : undefined),
		});
		expect(result.ok && result.objects[0]!.object.metadata.namespace).toBeUndefined();
	});

	it('refuses to rename two Namespaces to one, as kustomize does', () => {
		const result = applyFluxPostBuild([object('Namespace', 'a'), object('Namespace', 'b')], {targetNamespace: 't'});
		expect(result.ok === false && result.error.kind).toBe('namespace');
	});
});

describe('applyArgoDestination', () => {
	it('fills the destination namespace only into namespaced objects that name none', () => {
		const objects = [
			object('ConfigMap', 'a'),
			object('ConfigMap', 'b', {metadata: {name: 'b', namespace: 'kept'}}),
			object('ClusterRoleBinding', 'c', {}, 'rbac.authorization.k8s.io/v1'),
			object('Namespace', 'd'),
		];
		const result = applyArgoDestination(objects, {namespace: 'shop'});
		expect(result.map(o => o.object.metadata.namespace)).toEqual(['shop', 'kept', undefined, undefined]);
		expect(objects[0]!.object.metadata.namespace).toBeUndefined();
		expect(applyArgoDestination(objects, {})).toBe(objects);
	});
});
