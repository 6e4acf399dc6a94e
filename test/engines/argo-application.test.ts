import {describe, expect, it} from 'vitest';
import {argoApplicationEngine} from '../../source/engines/argo-application.js';
import {contextInfo, controllerObjects, discoveryInput} from '../support/scenario-fixtures.js';

const input = discoveryInput(
	{mgmt: controllerObjects('argo-applications.yaml')},
	{contexts: [contextInfo('mgmt', 'https://mgmt.example.com', {current: true}), contextInfo('eu', 'https://eu.example.com'), contextInfo('us-east', 'https://us.example.com')]},
);
const apps = argoApplicationEngine.discover(input);
const byName = (name: string) => apps.find(app => app.name === name)!;

describe('Argo CD Application discovery', () => {
	it('maps the in-cluster destination to the context the Application lives on', () => {
		const guestbook = byName('guestbook');
		expect(guestbook).toMatchObject({
			id: 'argo/Application/mgmt/argocd/guestbook',
			objectKind: 'Application',
			context: 'mgmt',
			controllerContext: 'mgmt',
			namespace: 'argocd',
			defaultNamespace: 'guestbook',
			fieldManager: 'argocd-controller',
		});
		expect(guestbook.sources).toEqual([
			{repoUrl: 'git@github.com:example/platform-config.git', path: 'apps/guestbook', targetRevision: 'main', argo: {namespace: 'guestbook'}, recurse: true},
		]);
	});

	it('reads the controller verdict, health, revision, auto-sync and source health', () => {
		expect(byName('guestbook').controller).toEqual({
			sync: 'OutOfSync',
			health: 'Progressing',
			deployedRevision: 'fedcba9876543210fedcba9876543210fedcba98',
			autoSync: {enabled: true},
			source: {ready: true},
		});
		const billing = byName('billing');
		expect(billing.controller.autoSync).toEqual({enabled: false, pausedBy: 'bob', reason: 'migrating the database'});
		expect(billing.controller.source).toEqual({ready: false, message: 'ComparisonError: rpc error: code = Unknown desc = authentication required'});
		expect(billing.controller.message).toBe('ComparisonError: rpc error: code = Unknown desc = authentication required');
	});

	it('maps a destination server to the context with that server, however it is spelled', () => {
		expect(byName('billing').context).toBe('eu');
		expect(byName('billing').sources[0]).toEqual({
			repoUrl: 'https://github.com/example/platform-config',
			path: 'apps/billing',
			kind: 'helm',
			argo: {namespace: 'billing'},
			helm: {releaseName: 'billing-prod', namespace: 'billing', valueFiles: ['values-prod.yaml'], values: {replicas: 4}},
		});
	});

	it('turns ignoreDifferences into ignore rules and flags jq it cannot apply', () => {
		const rules = byName('guestbook').ignoreRules;
		expect(rules.map(rule => [rule.group, rule.kind, rule.jsonPointers, rule.managers])).toEqual([
			['apps', 'Deployment', ['/spec/replicas'], []],
			['', 'ConfigMap', ['/data/generated'], ['kube-controller-manager']],
		]);
		expect(rules[1]!.jqExpressions).toEqual(['.data[] | select(. == "x")']);
		expect(byName('guestbook').warnings).toEqual(['ignoreDifferences: jq expression .. | select(.nullable?) is not supported and is not applied']);
	});

	it('tracks its objects by instance label and tracking annotation, and lists the kinds Argo CD reports', () => {
		expect(byName('guestbook').ownership).toEqual([
			{kind: 'labels', values: {'app.kubernetes.io/instance': 'guestbook'}},
			{kind: 'argo-tracking-id', appNames: ['guestbook', 'argocd_guestbook']},
		]);
		expect(byName('guestbook').liveKinds).toEqual([
			{group: 'apps', version: 'v1', kind: 'Deployment'},
			{group: '', version: 'v1', kind: 'Service'},
		]);
	});

	it('says why: a Helm repository chart, an unknown destination, kustomize options it does not apply', () => {
		expect(byName('metrics')).toMatchObject({
			context: 'us-east',
			sources: [],
			sourceProblem: 'its chart kube-prometheus-stack comes from the Helm repository https://prometheus-community.github.io/helm-charts, not from the loaded repository',
		});
		const orphan = byName('orphan');
		expect(orphan.context).toBeUndefined();
		expect(orphan.error).toBe('destination server https://10.0.0.9:6443 is not the server of any selected context (select its context with --context or --all-contexts)');
		expect(orphan.warnings).toEqual(['kustomize options namePrefix are not applied when rendering']);
	});
});
