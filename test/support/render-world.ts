/**
 * A real repository and real render tools for the render cache and render store tests: a temp folder with its git
 * environment, a working repository committed with the given files and opened as the commands open it, a plain
 * app's definition, and HEAD's tree with its directory ids (what render keys are made of).
 */
import path from 'node:path';
import type {AppDefinition} from '../../source/engines/engine.js';
import {createFindBinary, createProcessRunner} from '../../source/repo/process-runner.js';
import {loadGitRepo, type GitRepo} from '../../source/repo/repo.js';
import type {TreeIndex} from '../../source/repo/tree-index.js';
import {commitFiles, initRepo, makeRepoTempDir, manualScheduler, recordingGit, repoTestEnv} from './repo-helpers.js';

export const configMapYaml = (name: string, value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  value: "${value}"\n`;

/** A plain app on context prod, namespace team, rendering `appPath` (with `more` on its source). */
export function plainAppAt(name: string, appPath: string, more: Partial<AppDefinition['sources'][number]> = {}): AppDefinition {
	return {
		id: `plain/PlainApp/prod/team/${name}`,
		name,
		engine: 'plain',
		objectKind: 'PlainApp',
		context: 'prod',
		controllerContext: 'prod',
		namespace: 'team',
		defaultNamespace: 'team',
		sources: [{repoUrl: '', path: appPath, ...more}],
		fieldManager: 'gitops-tui',
		ownership: [],
		decoration: {labels: {}, annotations: {}},
		controller: {sync: 'Unknown', autoSync: {enabled: false}},
		ignoreRules: [],
		liveKinds: [],
		warnings: [],
	};
}

export function renderWorld(prefix: string) {
	const temp = makeRepoTempDir(prefix);
	const env = repoTestEnv(temp.dir);
	const work = path.join(temp.dir, 'config');
	const tools = {run: createProcessRunner(), findBinary: createFindBinary(env), env};
	let repo: GitRepo | undefined;
	return {
		temp,
		env,
		/** The working repository (commit to it with commitFiles(work, env, …)). */
		work,
		tools,
		/** Commits `files` as the first commit and opens the repository. */
		async open(files: Record<string, string>): Promise<void> {
			initRepo(work, env);
			commitFiles(work, env, files, {message: 'apps', date: '2026-01-01T00:00:00Z'});
			const loaded = await loadGitRepo({source: work, cacheDir: path.join(temp.dir, 'cache'), cwd: temp.dir, git: recordingGit(env).git, now: () => new Date(), scheduler: manualScheduler().scheduler});
			if (!loaded.ok) throw new Error(loaded.error.message);
			repo = loaded.repo;
		},
		/** HEAD's tree and directory ids. */
		async head(): Promise<{tree: {ok: true; sha: string; dir: string}; index: TreeIndex}> {
			const tree = await repo!.treeAt('HEAD');
			if (!tree.ok) throw new Error(tree.error.message);
			const index = await repo!.treeIndex!(tree.sha);
			if (!index.ok) throw new Error(index.error.message);
			return {tree: {ok: true, sha: tree.sha, dir: tree.dir}, index: index.index};
		},
	};
}
