/**
 * A half-broken render is an error, never "delete this": a manifest whose name is misspelt (`metdata:`) fails its
 * app with file and line while the live object stays Unknown (not Extra); bytes that are not UTF-8 fail with the
 * file named; an empty render names its path in the JSON as in the table.
 */
import {describe, expect, it} from 'vitest';
import type {StatusJsonApp} from '../../source/domain/app.js';
import type {Scenario} from '../support/scenario-cluster.js';
import {gitopsTui, scenarioForFile, statusJson} from '../support/scenario-cli.js';
import {writeFileSync} from 'node:fs';
import path from 'node:path';
import {gitSync} from '../support/repo-helpers.js';

let scenario: Scenario;
scenarioForFile(started => (scenario = started));

function app(apps: StatusJsonApp[], name: string): StatusJsonApp {
	return apps.find(candidate => candidate.name === name)!;
}

describe('a half-broken render is an error', () => {
	it('fails the app on a misspelt manifest, on bytes that are not UTF-8, and names the path of an empty render', async () => {
		const {repo} = scenario;
		repo.commit(
			{
				'apps/api/service.yaml': 'apiVersion: v1\nkind: Service\nmetdata:\n  name: api\nspec:\n  ports: [{port: 80}]\n',
				'apps/web/configmap.yaml': null,
				'apps/web/deployment.yaml': null,
				'apps/web/service.yaml': null,
				'apps/web/README.yaml': '# moved to another repository\n',
			},
			'Break api, empty web',
		);
		writeFileSync(path.join(repo.dir, 'apps/worker/settings.yaml'), Buffer.concat([Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: worker-settings, namespace: batch}\ndata: {city: "M'), Buffer.from([0xfc]), Buffer.from('nchen"}\n')]));
		gitSync(repo.dir, repo.env, ['commit', '--quiet', '-am', 'Latin-1 bytes']);

		const {code, document} = await statusJson(scenario);
		expect(code).toBe(2);
		const api = app(document.apps, 'api');
		expect(api.error).toBe('apps/api/service.yaml:1: document is not a complete Kubernetes object (no metadata.name)');
		expect(api.resources.find(resource => resource.kind === 'Service')?.verdict).toBe('Unknown');
		expect(api.resources.some(resource => resource.verdict === 'Extra')).toBe(false);
		expect(app(document.apps, 'worker').error).toBe('apps/worker/settings.yaml:4: not valid UTF-8 (Kubernetes manifests are UTF-8 text)');
		expect(app(document.apps, 'web').error).toBe('the desired state rendered no objects: apps/web: no Kubernetes objects found (1 manifest file)');
		const table = await gitopsTui(scenario, ['status', '--repo', repo.dir]);
		expect(table.stdout).not.toMatch(/Extra/);
	}, 60_000);
});
