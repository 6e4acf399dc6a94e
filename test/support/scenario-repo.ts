/**
 * The end-to-end scenarios' config repository: a real git repository in a temporary folder holding a Flux app
 * (apps/web), an Argo CD app (apps/api) and a plain app (apps/worker, in .gitops-tui.yaml), copied from
 * fixtures/scenarios/config-repo. Its origin remote is an http URL on a port nothing listens on: it is the URL
 * the Flux GitRepository and the Argo CD Application name, and fetching from it fails like a dead Git server.
 */
import {cpSync, mkdirSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {closedPort, commitFiles, gitSync, initRepo, makeRepoTempDir, repoTestEnv} from './repo-helpers.js';

/** The fixture the repository starts from. */
export const scenarioRepoFixture = path.resolve(import.meta.dirname, '../../fixtures/scenarios/config-repo');

/** A scenario repository. */
export type ScenarioRepo = {
	/** The temporary root (repository, caches, kubeconfig, manifests for kubectl all live under it). */
	root: string;
	/** The work tree. */
	dir: string;
	/** The origin URL (dead), as the controllers name the repository. */
	url: string;
	env: NodeJS.ProcessEnv;
	head(): string;
	/** Writes files (null deletes) and commits them; returns the new sha. */
	commit(files: Record<string, string | null>, message: string): string;
	cleanup(): void;
};

let clock = Date.parse('2026-03-01T09:00:00Z');

/** Creates the repository with one commit of the fixture. */
export async function createScenarioRepo(): Promise<ScenarioRepo> {
	const temp = makeRepoTempDir('gitops-tui-scenario-');
	const env = repoTestEnv(temp.dir);
	const dir = path.join(temp.dir, 'config');
	initRepo(dir, env);
	const url = `http://127.0.0.1:${await closedPort()}/org/config.git`;
	gitSync(dir, env, ['remote', 'add', 'origin', url]);
	cpSync(scenarioRepoFixture, dir, {recursive: true});
	const repo: ScenarioRepo = {
		root: temp.dir,
		dir,
		url,
		env,
		head: () => gitSync(dir, env, ['rev-parse', 'HEAD']),
		commit(files, message) {
			clock += 3_600_000;
			return commitFiles(dir, env, files, {message, date: new Date(clock).toISOString()});
		},
		cleanup: temp.cleanup,
	};
	repo.commit({}, 'Initial config: web (Flux), api (Argo CD), worker (plain)');
	return repo;
}

/**
 * A bare clone of the repository placed where `--repo <url> --cache-dir <cacheDir>` looks for it, with its
 * origin set to the (dead) URL: the state after an earlier successful clone, before the server went down.
 */
export function seedCachedClone(repo: ScenarioRepo, cacheDir: string, slug: string): string {
	const clone = path.join(cacheDir, 'repos', slug);
	mkdirSync(path.dirname(clone), {recursive: true});
	rmSync(clone, {recursive: true, force: true});
	gitSync(repo.root, repo.env, ['clone', '--bare', '--quiet', repo.dir, clone]);
	gitSync(clone, repo.env, ['remote', 'set-url', 'origin', repo.url]);
	gitSync(clone, repo.env, ['config', 'remote.origin.fetch', '+refs/heads/*:refs/heads/*']);
	return clone;
}

/** Writes a file under the scenario root (kubeconfig, manifests for kubectl) and returns its path. */
export function writeScenarioFile(repo: ScenarioRepo, relative: string, text: string): string {
	const file = path.join(repo.root, relative);
	mkdirSync(path.dirname(file), {recursive: true});
	writeFileSync(file, text, {mode: 0o600});
	return file;
}
