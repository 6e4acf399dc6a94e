import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {loadAll} from 'js-yaml';
import {afterAll, describe, expect, it} from 'vitest';
import {parseSettings} from '../../../source/engines/settings.js';
import {createGit} from '../../../source/repo/git-runner.js';
import {createProcessRunner} from '../../../source/repo/process-runner.js';
import {commitAt, filesAt, fleetCommits} from '../../../source/sandbox/demo/fleet-history.js';
import {createFleetRepo} from '../../../source/sandbox/demo/fleet-repo.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'gitops-tui-demo-repo-'));
const env = {PATH: process.env.PATH, HOME: dir, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null'};
const git = createGit({run: createProcessRunner(), env});
const anchor = new Date('2026-03-02T10:00:30Z');
const commits = fleetCommits();

afterAll(() => rmSync(dir, {recursive: true, force: true}));

function gitIn(cwd: string, args: string[]): string {
	return execFileSync('git', args, {cwd, env, encoding: 'utf8'}).trim();
}

async function build(name: string) {
	return createFleetRepo({git, commits, anchor, remoteDir: path.join(dir, name, 'remote'), repoPath: path.join(dir, name, 'fleet'), remoteUrl: 'git://127.0.0.1:9/fleet.git'});
}

describe('the demo history', () => {
	it('has 8 to 15 commits, oldest first, over a few weeks, by several authors', () => {
		expect(commits.length).toBeGreaterThanOrEqual(8);
		expect(commits.length).toBeLessThanOrEqual(15);
		const ages = commits.map(commit => commit.minutesAgo);
		expect([...ages].sort((a, b) => b - a)).toEqual(ages);
		expect(ages[0]).toBeGreaterThan(14 * 24 * 60);
		expect(new Set(commits.map(commit => commit.author.email)).size).toBeGreaterThanOrEqual(3);
		for (const commit of commits) expect(commit.subject).toMatch(/^[a-z]+: \S/);
	});

	it('parses every manifest at every commit, and the settings file as gitops-tui reads it', () => {
		for (const commit of commits) {
			for (const [file, text] of Object.entries(filesAt(commits, commit.name))) {
				if (!file.endsWith('.yaml') || file === '.gitops-tui.yaml') continue;
				const documents = loadAll(text) as Array<{apiVersion?: string; kind?: string; metadata?: {name?: string}}>;
				expect(documents.length, `${commit.name}: ${file}`).toBeGreaterThan(0);
				for (const document of documents) expect(document.apiVersion && document.kind && document.metadata?.name, `${commit.name}: ${file}`).toBeTruthy();
			}
		}
		const settings = parseSettings(filesAt(commits, 'shop-1.27')['.gitops-tui.yaml']!);
		expect(settings.ok && settings.settings.apps).toEqual([{name: 'checkout', path: 'apps/checkout', context: 'staging', namespace: 'checkout'}]);
		expect(settings.ok && settings.settings.ignore).toMatchObject([{kind: 'Deployment', name: 'worker', jsonPointers: ['/spec/replicas']}]);
		expect(settings.ok && settings.settings.warnings).toEqual([]);
	});

	it('finds the commit a controller saw at a time', () => {
		expect(commitAt(commits, 40).name).toBe('checkout-broken');
		expect(commitAt(commits, 0).name).toBe('shop-1.27');
		expect(() => commitAt(commits, 365 * 24 * 60)).toThrow(/no commit/);
	});
});

describe('createFleetRepo', () => {
	it('writes the history with its authors, dates and subjects into a bare remote, and clones it', async () => {
		const repo = await build('one');
		const log = gitIn(repo.repoPath, ['log', '--reverse', '--format=%H|%an <%ae>|%aI|%cI|%s']).split('\n');
		expect(log).toHaveLength(commits.length);
		log.forEach((line, index) => {
			const [sha, author, authored, committed, subject] = line.split('|');
			const commit = commits[index]!;
			expect(sha).toBe(repo.shas[commit.name]);
			expect(author).toBe(`${commit.author.name} <${commit.author.email}>`);
			// Dated back from the anchor rounded down to the minute.
			const expected = new Date(Date.parse('2026-03-02T10:00:00Z') - commit.minutesAgo * 60_000);
			expect(new Date(authored!).getTime()).toBe(expected.getTime());
			expect(committed).toBe(authored);
			expect(subject).toBe(commit.subject);
		});
		expect(repo.head).toBe(repo.shas['shop-1.27']);
		expect(gitIn(repo.repoPath, ['remote', 'get-url', 'origin'])).toBe('git://127.0.0.1:9/fleet.git');
		expect(gitIn(repo.repoPath, ['rev-parse', 'HEAD', 'origin/main'])).toBe(`${repo.head}\n${repo.head}`);
		expect(gitIn(repo.repoPath, ['status', '--porcelain'])).toBe('');
		expect(gitIn(repo.barePath, ['rev-parse', 'main'])).toBe(repo.head);
		expect(readFileSync(path.join(repo.repoPath, 'apps/shop/web.yaml'), 'utf8')).toContain('image: nginx:1.27');
	});

	it('keeps history per path: shop changed in the last commit, checkout in the one before', async () => {
		const repo = await build('paths');
		expect(gitIn(repo.repoPath, ['log', '-2', '--format=%H', '--', 'apps/shop']).split('\n')).toEqual([repo.shas['shop-1.27'], repo.shas['shop-1.26']]);
		expect(gitIn(repo.repoPath, ['log', '-1', '--format=%H', '--', 'apps/checkout'])).toBe(repo.shas['checkout-broken']);
		expect(gitIn(repo.repoPath, ['show', `${repo.shas['billing-2.3']}:apps/billing/billing.yaml`])).toContain('billing:2.3');
	});

	it('gives the same shas for the same anchor', async () => {
		const [first, second] = [await build('same-a'), await build('same-b')];
		expect(second.shas).toEqual(first.shas);
	});
});
