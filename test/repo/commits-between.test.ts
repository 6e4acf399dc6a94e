/**
 * Commits-behind for a whole fleet from one git process per deployed revision: commitsBetweenWithPaths plus
 * pathTouched count exactly what `git rev-list --count FROM..TO -- :(literal)PATH` counts, path by path, over a
 * history with a look-alike path, a rename, a deletion, a non-ASCII name, an empty commit and a merged branch.
 */
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {commitsBetweenWithPaths, countCommitsBetween, pathTouched} from '../../source/repo/log.js';
import {openRepo, type RepoLocation} from '../../source/repo/repo-open.js';
import {createBehindCounter} from '../../source/engines/revision-info.js';
import {loadGitRepo} from '../../source/repo/repo.js';
import {commitFiles, gitSync, initRepo, makeRepoTempDir, manualScheduler, recordingGit, repoTestEnv} from '../support/repo-helpers.js';

const temp = makeRepoTempDir();
const env = repoTestEnv(temp.dir);
const work = path.join(temp.dir, 'work');
const now = () => new Date('2024-05-01T10:00:00Z');
const commits: string[] = [];
let location: RepoLocation;
const date = (day: number) => `2024-01-${String(day).padStart(2, '0')}T10:00:00Z`;
const paths = ['', '.', 'apps/web', './apps/web/', 'apps/web2', 'apps/api', 'apps/héllo', 'apps/gone', 'apps/moved', 'apps/none'];

beforeAll(async () => {
	initRepo(work, env);
	let day = 1;
	const commit = (files: Record<string, string | null>, message: string) => commits.push(commitFiles(work, env, files, {message, date: date(day++)}));
	commit({'apps/web/a.yaml': '1', 'apps/gone/x.yaml': 'x', 'apps/old/m.yaml': 'm'}, 'start');
	commit({'apps/web2/a.yaml': '1'}, 'a look-alike of apps/web');
	commit({'apps/héllo/a.yaml': '1'}, 'non-ASCII');
	commit({'apps/gone/x.yaml': null}, 'delete');
	commit({'apps/old/m.yaml': null, 'apps/moved/m.yaml': 'm'}, 'rename');
	commit({}, 'empty');
	gitSync(work, env, ['checkout', '--quiet', '-b', 'side']);
	commit({'apps/api/a.yaml': '1'}, 'api on a branch');
	gitSync(work, env, ['checkout', '--quiet', '-']);
	commit({'apps/web/a.yaml': '2'}, 'web on main');
	gitSync(work, env, ['merge', '--quiet', '--no-ff', '-m', 'merge side', 'side'], {GIT_AUTHOR_DATE: date(20), GIT_COMMITTER_DATE: date(20)});
	commits.push(gitSync(work, env, ['rev-parse', 'HEAD']));
	const {git} = recordingGit(env);
	const opened = await openRepo({source: work, cacheDir: path.join(temp.dir, 'cache'), git, cwd: temp.dir, now});
	if (!opened.ok) throw new Error(opened.error.message);
	location = opened.location;
});
afterAll(() => temp.cleanup());

describe('commits between two revisions, with their paths', () => {
	it('count per path exactly as git rev-list does, from every deployed revision', async () => {
		const {git} = recordingGit(env);
		for (const from of commits) {
			const listed = await commitsBetweenWithPaths({location, git, from, to: 'HEAD'});
			if (!listed.ok) throw new Error(listed.error.message);
			for (const repoPath of paths) {
				const counted = await countCommitsBetween({location, git, from, to: 'HEAD', path: repoPath});
				expect({from: commits.indexOf(from), repoPath, count: listed.commits.filter(commit => pathTouched(commit, repoPath)).length}).toEqual({from: commits.indexOf(from), repoPath, count: counted.ok ? counted.count : -1});
			}
		}
	});

	it('refuses option-like revisions before git, and reports an unknown one', async () => {
		const {git, calls} = recordingGit(env);
		expect((await commitsBetweenWithPaths({location, git, from: '--all', to: 'HEAD'})).ok).toBe(false);
		expect(calls).toEqual([]);
		expect((await commitsBetweenWithPaths({location, git, from: 'f'.repeat(40), to: 'HEAD'})).ok).toBe(false);
	});

	it('a fleet\'s counter runs git once per deployed revision, however many apps and paths ask', async () => {
		const {git, calls} = recordingGit(env);
		const loaded = await loadGitRepo({source: work, cacheDir: path.join(temp.dir, 'cache'), cwd: temp.dir, git, now, scheduler: manualScheduler().scheduler});
		if (!loaded.ok) throw new Error(loaded.error.message);
		const head = commits.at(-1)!;
		const before = calls.length;
		const count = createBehindCounter(loaded.repo, head);
		const answers = await Promise.all(paths.flatMap(repoPath => [count(commits[0]!, repoPath), count(commits[3]!, repoPath)]));
		expect(calls.length - before).toBe(2);
		const expected = await Promise.all(paths.flatMap(repoPath => [commits[0]!, commits[3]!].map(async from => {
			const counted = await countCommitsBetween({location, git, from, to: head, path: repoPath});
			return counted.ok ? counted.count : undefined;
		})));
		expect(answers).toEqual(expected);
		expect(answers[0]).toBe(commits.length - 1);
		expect(await count('f'.repeat(40), 'apps/web')).toBeUndefined();
	});
});
