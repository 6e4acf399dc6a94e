/**
 * The pipeline over a real git repository and a live view given as data: one app's failure never stops the
 * others, failed or empty renders never produce Extra, a dead context makes its apps Unknown, revisions count
 * commits on the app's path.
 */
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createProjector} from '../../source/cluster/projection.js';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {evaluate, type EvaluateOptions} from '../../source/engines/evaluate.js';
import type {LiveSnapshot} from '../../source/engines/live-snapshot.js';
import {createFindBinary, createProcessRunner} from '../../source/repo/process-runner.js';
import {isNamespacedKind} from '../../source/repo/render/index.js';
import {loadGitRepo, type GitRepo} from '../../source/repo/repo.js';
import {kubeObject} from '../support/domain-objects.js';
import {commitFiles, initRepo, makeRepoTempDir, manualScheduler, recordingGit, repoTestEnv} from '../support/repo-helpers.js';
import {contextInfo} from '../support/scenario-fixtures.js';

const temp = makeRepoTempDir('gitops-tui-evaluate-');
const env = repoTestEnv(temp.dir);
const work = path.join(temp.dir, 'config');
const url = 'https://git.example.com/org/config.git';
let repo: GitRepo;
let first: string;
let head: string;

const configMap = (name: string, namespace: string, data: Record<string, string>, metadata: Record<string, unknown> = {}) =>
	kubeObject('v1', 'ConfigMap', name, namespace, {data}, metadata);
const manifest = (name: string, value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  value: "${value}"\n`;

beforeAll(async () => {
	initRepo(work, env);
	first = commitFiles(
		work,
		env,
		{
			'apps/a/cm.yaml': manifest('a', '1'),
			'apps/b/cm.yaml': manifest('b', '1'),
			'apps/empty/README.md': 'nothing to deploy yet\n',
			'.gitops-tui.yaml': 'apps:\n  - {name: a, path: apps/a, namespace: team-a}\n  - {name: b, path: apps/b, namespace: team-b}\n  - {name: empty, path: apps/empty, namespace: team-e}\n  - {name: far, path: apps/a, namespace: team-a, context: dead}\n',
		},
		{message: 'apps', date: '2026-01-01T00:00:00Z'},
	);
	commitFiles(work, env, {'apps/a/cm.yaml': manifest('a', '2')}, {message: 'a: value 2', date: '2026-01-02T00:00:00Z'});
	commitFiles(work, env, {'apps/b/other.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [broken\n'}, {message: 'b: broken', date: '2026-01-03T00:00:00Z'});
	head = commitFiles(work, env, {'docs/readme.md': 'hi\n'}, {message: 'docs only', date: '2026-01-04T00:00:00Z'});
	const {git} = recordingGit(env);
	const loaded = await loadGitRepo({source: work, cacheDir: path.join(temp.dir, 'cache'), cwd: temp.dir, git, now: () => new Date(), scheduler: manualScheduler().scheduler});
	if (!loaded.ok) throw new Error(loaded.error.message);
	repo = loaded.repo;
});
afterAll(() => temp.cleanup());

/** A live view given as data; `dead` contexts are unreachable. */
function liveView(objects: Record<string, KubeObject[]>, dead: string[] = []): LiveSnapshot {
	const projector = createProjector();
	return {
		async ensure() {},
		listedKinds: () => [],
		contextFailure: context => (dead.includes(context) ? {kind: 'unreachable', message: 'connect ECONNREFUSED 127.0.0.1:1'} : undefined),
		kind(context, group, kind) {
			if (dead.includes(context)) return {ok: false, kind: 'unreachable', message: 'connect ECONNREFUSED 127.0.0.1:1'};
			const matching = (objects[context] ?? []).filter(object => object.kind === kind && (object.apiVersion.includes('/') ? object.apiVersion.split('/')[0] : '') === group);
			return {ok: true, objects: matching.map(object => projector.project(object)), namespaced: isNamespacedKind(group, kind)};
		},
	};
}

function options(live: LiveSnapshot, more: Partial<EvaluateOptions> = {}): EvaluateOptions {
	return {
		contexts: [{info: contextInfo('prod', 'https://prod')}, {info: contextInfo('dead', 'https://dead')}],
		currentContext: 'prod',
		kubeconfigContexts: ['prod', 'dead'],
		repo,
		mode: 'fast',
		tools: {run: createProcessRunner(), findBinary: createFindBinary(env), env},
		snapshot: live,
		...more,
	};
}

const mine = (app: string, revision?: string) => ({labels: {'gitops-tui.io/app': app}, ...(revision ? {annotations: {'gitops-tui.io/revision': revision}} : {})});

describe('evaluate', () => {
	it('judges each app on its own: a broken app and an empty one never turn live objects into Extra', async () => {
		const live = liveView({
			prod: [
				configMap('a', 'team-a', {value: '1'}, mine('a', first)),
				configMap('old', 'team-a', {value: 'x'}, mine('a', first)),
				configMap('b', 'team-b', {value: '1'}, mine('b', first)),
				configMap('leftover', 'team-e', {value: 'x'}, mine('empty')),
			],
		}, ['dead']);
		const result = await evaluate(options(live));
		expect(result.tree).toMatchObject({ok: true, sha: head});
		expect(result.contexts.map(context => [context.name, context.reachable])).toEqual([
			['prod', true],
			['dead', false],
		]);
		const byName = Object.fromEntries(result.apps.map(app => [`${app.status.name}@${app.status.context}`, app.status]));
		expect(Object.keys(byName)).toEqual(['a@prod', 'b@prod', 'empty@prod', 'far@dead']);

		const a = byName['a@prod']!;
		expect(a.sync).toBe('OutOfSync');
		expect(a.resources.map(resource => [resource.key.name, resource.verdict, resource.fields.map(field => field.path)])).toEqual([
			['a', 'Drifted', ['.data.value']],
			['old', 'Extra', []],
		]);
		// Deployed at the first commit; one commit since touched apps/a (the docs commit does not count).
		expect(a.revision).toEqual({deployed: first, head, behind: 1});

		const b = byName['b@prod']!;
		expect(b.sync).toBe('Unknown');
		expect(b.error).toMatch(/^apps\/b\/other\.yaml:5:1: deficient indentation/);
		expect(b.resources.map(resource => [resource.key.name, resource.verdict])).toEqual([['b', 'Unknown']]);
		expect(b.resources[0]!.error).toContain('desired state unavailable');

		const empty = byName['empty@prod']!;
		expect(empty).toMatchObject({sync: 'Unknown', error: 'the desired state rendered no objects: apps/empty: no Kubernetes objects found (0 manifest files)'});
		expect(empty.resources.map(resource => resource.verdict)).toEqual(['Unknown']);
	});

	it('a plain app with Extra objects still reports the revision its desired objects were applied at (issue 14)', async () => {
		const live = liveView({
			prod: [
				configMap('a', 'team-a', {value: '2'}, mine('a', head)),
				// Made by hand with the app's label (no revision), and left over from an older apply.
				configMap('by-hand', 'team-a', {value: 'x'}, mine('a')),
				configMap('old', 'team-a', {value: 'x'}, mine('a', first)),
			],
		});
		const a = (await evaluate(options(live))).apps.find(app => app.status.name === 'a' && app.status.context === 'prod')!.status;
		expect(a.resources.map(resource => [resource.key.name, resource.verdict])).toEqual([
			['a', 'Synced'],
			['by-hand', 'Extra'],
			['old', 'Extra'],
		]);
		expect(a.revision).toEqual({deployed: head, head, behind: 0});
		// Only Extra objects live: they are all there is to tell the revision by.
		const onlyExtra = (await evaluate(options(liveView({prod: [configMap('old', 'team-a', {value: 'x'}, mine('a', first))]})))).apps.find(app => app.status.name === 'a' && app.status.context === 'prod')!.status;
		expect(onlyExtra.revision).toEqual({deployed: first, head, behind: 1});
	});

	it('marks apps of a dead context Unknown with the reason, and nothing else', async () => {
		const result = await evaluate(options(liveView({prod: [configMap('a', 'team-a', {value: '2'}, mine('a'))]}, ['dead'])));
		const far = result.apps.find(app => app.status.context === 'dead')!.status;
		expect(far).toMatchObject({name: 'far', sync: 'Unknown', health: 'Unknown', resources: []});
		expect(far.error).toBe('context dead cannot be read: connect ECONNREFUSED 127.0.0.1:1');
		expect(result.apps.find(app => app.status.name === 'a' && app.status.context === 'prod')!.status.sync).toBe('Synced');
	});

	it('renders at another revision when asked, and only the selected apps', async () => {
		const result = await evaluate(
			options(liveView({prod: [configMap('a', 'team-a', {value: '1'}, mine('a'))]}), {revision: first, select: app => app.name === 'a' && app.context === 'prod'}),
		);
		expect(result.tree).toMatchObject({ok: true, sha: first});
		expect(result.apps.map(app => [app.status.name, app.status.sync])).toEqual([['a', 'Synced']]);
		expect(result.discovered.map(app => app.name)).toEqual(['a', 'b', 'empty', 'far']);
	});

	it('says why nothing can be rendered without a repository or at an unknown revision', async () => {
		const withoutRepo = await evaluate({...options(liveView({})), repo: undefined, repoError: 'cannot open ./nowhere: no such directory'});
		expect(withoutRepo.tree).toEqual({ok: false, kind: 'no-repo', message: 'cannot open ./nowhere: no such directory'});
		// Without a repository there is no settings file, hence no plain apps.
		expect(withoutRepo.apps).toEqual([]);
		const unknown = await evaluate(options(liveView({}), {revision: 'no-such-branch'}));
		expect(unknown.tree).toMatchObject({ok: false, message: expect.stringContaining('cannot read revision no-such-branch')});
	});

	it('discovers Flux apps whose GitRepository is the loaded repository through its remotes', async () => {
		const withRemote = {...repo, remoteUrls: () => [url]} as GitRepo;
		const flux: KubeObject[] = [
			kubeObject('source.toolkit.fluxcd.io/v1', 'GitRepository', 'config', 'flux-system', {spec: {url: 'ssh://git@git.example.com/org/config'}, status: {conditions: [{type: 'Ready', status: 'True'}]}}),
			kubeObject('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'a', 'flux-system', {
				spec: {path: './apps/a', targetNamespace: 'team-a', sourceRef: {kind: 'GitRepository', name: 'config'}},
				status: {conditions: [{type: 'Ready', status: 'True'}], lastAppliedRevision: `main@sha1:${first}`, inventory: {entries: [{id: 'team-a_a__ConfigMap', v: 'v1'}]}},
			}),
			configMap('a', 'team-a', {value: '2'}, {labels: {'kustomize.toolkit.fluxcd.io/name': 'a', 'kustomize.toolkit.fluxcd.io/namespace': 'flux-system'}}),
		];
		const result = await evaluate(options(liveView({prod: flux}), {repo: withRemote, select: app => app.engine === 'flux'}));
		expect(result.apps.map(app => [app.status.name, app.status.engine, app.status.sync, app.status.controllerSync])).toEqual([['a', 'flux', 'Synced', 'Synced']]);
		expect(result.apps[0]!.status.revision).toEqual({deployed: first, head, behind: 1});
	});
});

describe('the render cache the TUI keeps across evaluations', () => {
	it('renders each source once per tree, and again after the tree changes', async () => {
		const live = liveView({prod: []});
		const run = createProcessRunner();
		const tools = {run, findBinary: createFindBinary(env), env};
		const renderCache = {entries: new Map()} as NonNullable<EvaluateOptions['renderCache']>;
		const first = await evaluate(options(live, {tools, renderCache}));
		const entries = renderCache.entries.size;
		expect(entries).toBeGreaterThan(0);
		const kept = [...renderCache.entries.values()];
		const second = await evaluate(options(live, {tools, renderCache}));
		// The same promises serve the second evaluation: nothing was rendered again.
		expect([...renderCache.entries.values()]).toEqual(kept);
		expect(second.apps.map(app => app.status.sync)).toEqual(first.apps.map(app => app.status.sync));
		const older = await evaluate(options(live, {tools, renderCache, revision: 'HEAD~1'}));
		expect(older.tree.ok && older.tree.sha).toBe(renderCache.sha);
		expect([...renderCache.entries.values()].some(entry => kept.includes(entry))).toBe(false);
	});
});
