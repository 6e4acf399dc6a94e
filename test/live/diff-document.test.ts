/**
 * The TUI's diff document and its ignored-fields toggle, over a real git repository and a live view given as data:
 * an ignore rule on a label whose key has dots (`app.kubernetes.io/name`) hides that label's change until the
 * toggle shows it, as `gitops-tui diff` resolves the field's path against the objects.
 */
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createProjector} from '../../source/cluster/projection.js';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {evaluate} from '../../source/engines/evaluate.js';
import type {LiveSnapshot} from '../../source/engines/live-snapshot.js';
import {diffDocument} from '../../source/live/diff-document.js';
import {createFindBinary, createProcessRunner} from '../../source/repo/process-runner.js';
import {loadGitRepo, type GitRepo} from '../../source/repo/repo.js';
import {shownDiffLines} from '../../source/state/tui-state.js';
import {kubeObject} from '../support/domain-objects.js';
import {commitFiles, initRepo, makeRepoTempDir, manualScheduler, recordingGit, repoTestEnv} from '../support/repo-helpers.js';
import {contextInfo} from '../support/scenario-fixtures.js';

const temp = makeRepoTempDir('gitops-tui-diff-document-');
const env = repoTestEnv(temp.dir);
let repo: GitRepo;

const settings = `apps:
  - {name: web, path: apps/web, namespace: shop}
ignore:
  - kind: ConfigMap
    name: web
    jsonPointers: [/metadata/labels/app.kubernetes.io~1name]
  - kind: Secret
    name: web-creds
    jsonPointers: [/metadata/labels/app.kubernetes.io~1name]
`;
const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  labels:\n    app.kubernetes.io/name: web\ndata:\n  colour: blue\n';
// A Secret's diff is its own masked view (no verdict sides): there the toggle must cut the field from both sides.
const secret = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-creds\n  labels:\n    app.kubernetes.io/name: web\ndata:\n  token: Q0FOQVJZLUdJVA==\n';

beforeAll(async () => {
	const work = path.join(temp.dir, 'config');
	initRepo(work, env);
	commitFiles(work, env, {'apps/web/cm.yaml': manifest, 'apps/web/secret.yaml': secret, '.gitops-tui.yaml': settings}, {message: 'web', date: '2026-01-01T00:00:00Z'});
	const loaded = await loadGitRepo({source: work, cacheDir: path.join(temp.dir, 'cache'), cwd: temp.dir, git: recordingGit(env).git, now: () => new Date(), scheduler: manualScheduler().scheduler});
	if (!loaded.ok) throw new Error(loaded.error.message);
	repo = loaded.repo;
});
afterAll(() => temp.cleanup());

function liveView(objects: KubeObject[]): LiveSnapshot {
	const projector = createProjector();
	return {
		async ensure() {},
		listedKinds: () => [],
		contextFailure: () => undefined,
		kind: (_context, group, kind) => ({ok: true, objects: objects.filter(object => object.kind === kind && group === '').map(object => projector.project(object)), namespaced: true}),
	};
}

describe("the TUI's diff document", () => {
	it('hides an ignored label whose key has dots until ignored fields are shown', async () => {
		// Someone relabelled the ConfigMap (ignored by the rule) and changed its colour (not ignored).
		const live = kubeObject('v1', 'ConfigMap', 'web', 'shop', {data: {colour: 'red'}}, {labels: {'app.kubernetes.io/name': 'relabelled', 'gitops-tui.io/app': 'web'}});
		const liveSecret = kubeObject('v1', 'Secret', 'web-creds', 'shop', {data: {token: 'Q0FOQVJZLUxJVkU='}}, {labels: {'app.kubernetes.io/name': 'relabelled-secret', 'gitops-tui.io/app': 'web'}});
		const evaluation = await evaluate({
			contexts: [{info: contextInfo('prod', 'https://prod')}],
			currentContext: 'prod',
			kubeconfigContexts: ['prod'],
			repo,
			mode: 'fast',
			tools: {run: createProcessRunner(), findBinary: createFindBinary(env), env},
			snapshot: liveView([live, liveSecret]),
		});
		const app = evaluation.apps.find(entry => entry.definition.name === 'web')!;
		expect(app.status.resources.map(resource => [resource.key.kind, resource.fields.map(field => [field.path, Boolean(field.ignored)])])).toEqual([
			[
				'ConfigMap',
				[
					['.metadata.labels.app.kubernetes.io/name', true],
					['.data.colour', false],
				],
			],
			[
				'Secret',
				[
					['.metadata.labels.app.kubernetes.io/name', true],
					['.data.token', false],
				],
			],
		]);

		const document = diffDocument(app, {pending: false});
		const text = (showIgnored: boolean) => shownDiffLines(document, showIgnored).map(line => line.text).join('\n');
		expect(text(false)).toMatch(/^-\s+colour: red$/m);
		expect(text(false)).toMatch(/^\+\s+colour: blue$/m);
		expect(text(false)).not.toMatch(/relabelled$/m);
		expect(text(true)).toMatch(/^-\s+app\.kubernetes\.io\/name: relabelled$/m);
		expect(text(true)).toMatch(/^\+\s+app\.kubernetes\.io\/name: web$/m);
		expect(text(false)).not.toContain('relabelled-secret');
		expect(text(false)).toMatch(/^-\s+token: '\(masked: live value\)'$/m);
		expect(text(true)).toMatch(/^-\s+app\.kubernetes\.io\/name: relabelled-secret$/m);
		expect(text(true)).not.toMatch(/CANARY|Q0FOQVJZ/);
	});
});
