/**
 * Argo CD's jqPathExpressions, a test per form its docs and real apps use: the field paths each names (list items
 * by key), and the verdict honouring them; forms outside the subset are refused, never guessed.
 */
import {describe, expect, it} from 'vitest';
import {formatFieldPath} from '../../source/domain/field-paths.js';
import {argoIgnoreRules} from '../../source/domain/ignore-rules.js';
import {jqFieldPaths, parseJqPath} from '../../source/domain/jq-paths.js';
import {resourceKeyOf} from '../../source/domain/resource-key.js';
import {judgePair} from '../../source/domain/resource-verdict.js';
import {kubeObject} from '../support/domain-objects.js';

const deployment = (init: string, image: string) =>
	kubeObject('apps/v1', 'Deployment', 'web', 'shop', {
		spec: {
			replicas: 2,
			template: {
				metadata: {annotations: {'sidecar.istio.io/status': '{}', 'example.com/keep': 'x'}},
				spec: {
					initContainers: [{name: 'injected-init-container', image: init}, {name: 'setup', image: 'busybox'}],
					containers: [
						{name: 'web', image, env: [{name: 'A', value: '1'}]},
						{name: 'istio-proxy', image: 'proxy:1'},
					],
				},
			},
		},
	});
const webhook = kubeObject('admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration', 'hook', undefined, {
	webhooks: [{name: 'a.example.com', clientConfig: {caBundle: 'AAA'}}, {name: 'b.example.com', clientConfig: {}}],
});
const named = (expression: string, object: unknown) => jqFieldPaths(parseJqPath(expression), object).map(path => formatFieldPath(path));

describe('jq path expressions (the forms Argo CD documents)', () => {
	it('.a.b and quoted keys', () => {
		expect(named('.spec.replicas', deployment('i', 'w'))).toEqual(['.spec.replicas']);
		expect(named('.spec.template.metadata.annotations."sidecar.istio.io/status"', deployment('i', 'w'))).toEqual(['.spec.template.metadata.annotations.sidecar.istio.io/status']);
		expect(named('.spec.template.metadata.annotations["example.com/keep"]', deployment('i', 'w'))).toEqual(['.spec.template.metadata.annotations.example.com/keep']);
	});

	it('[] | select(.name == "…"), the docs example, by list key', () => {
		expect(named('.spec.template.spec.initContainers[] | select(.name == "injected-init-container")', deployment('i', 'w'))).toEqual([
			'.spec.template.spec.initContainers[name="injected-init-container"]',
		]);
	});

	it('select then a field, and != ', () => {
		expect(named('.spec.template.spec.containers[] | select(.name != "web") | .image', deployment('i', 'w'))).toEqual([
			'.spec.template.spec.containers[name="istio-proxy"].image',
		]);
	});

	it('[]? over every item, as for webhooks caBundle', () => {
		expect(named('.webhooks[]?.clientConfig.caBundle', webhook)).toEqual(['.webhooks[0].clientConfig.caBundle', '.webhooks[1].clientConfig.caBundle']);
	});

	it('[N], startswith/test/contains, and/or/not', () => {
		expect(named('.webhooks[1].name', webhook)).toEqual(['.webhooks[1].name']);
		expect(named('.spec.template.spec.containers[] | select(.name | startswith("istio"))', deployment('i', 'w'))).toEqual(['.spec.template.spec.containers[name="istio-proxy"]']);
		expect(named('.spec.template.spec.containers[] | select(.name | test("^we"))', deployment('i', 'w'))).toEqual(['.spec.template.spec.containers[name="web"]']);
		expect(named('.spec.template.spec.containers[] | select(.image | contains("proxy") or .name == "web") | .name', deployment('i', 'w'))).toHaveLength(2);
		expect(named('.spec.template.spec.containers[] | select(.env | not)', deployment('i', 'w'))).toEqual(['.spec.template.spec.containers[name="istio-proxy"]']);
	});

	it('refuses what it does not know (recursive descent, functions, del)', () => {
		for (const expression of ['.. | select(.nullable?)', 'del(.spec)', '.spec | keys', '.spec.containers[] | select(.name | ascii_downcase == "x")']) {
			expect(parseJqPath(expression).ok).toBe(false);
		}
	});
});

describe('an Argo CD ignore rule with a jq expression, in the verdict', () => {
	it('hides the injected init container, and only it', () => {
		const rules = argoIgnoreRules([{group: 'apps', kind: 'Deployment', jqPathExpressions: ['.spec.template.spec.initContainers[] | select(.name == "injected-init-container")', '.. | x']}]);
		expect(rules[0]!.unsupported).toEqual(['.. | x']);
		const desired = deployment('git', 'nginx:1');
		const live = deployment('injected', 'nginx:2');
		const result = judgePair({key: resourceKeyOf(desired), desired, live}, {ignoreRules: rules});
		expect(result.fields).toEqual([
			{path: '.spec.template.spec.initContainers[name="injected-init-container"].image', ignored: true},
			{path: '.spec.template.spec.containers[name="web"].image'},
		]);
		expect(result.verdict).toBe('Drifted');
	});
});
