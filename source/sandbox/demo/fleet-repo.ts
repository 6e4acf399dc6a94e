/**
 * Writes the demo history into a bare "remote" in one `git fast-import` run (one process for every commit,
 * with the authors and dates the history gives, so start-up stays fast), then clones it: the clone is the
 * repository the TUI opens, its `origin` the daemon's URL.
 */
import {mkdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import type {Git, GitResult} from '../../repo/git-runner.js';
import type {CommitName, FleetCommit} from './fleet-history.js';

/** The generated repository. */
export type FleetRepo = {
	/** The bare repository the daemon serves. */
	barePath: string;
	/** The clone whose origin is the remote URL. */
	repoPath: string;
	/** Every commit's sha by name. */
	shas: Record<CommitName, string>;
	/** Every commit's time. */
	dates: Record<CommitName, Date>;
	head: string;
};

export type FleetRepoOptions = {
	git: Git;
	commits: readonly FleetCommit[];
	/** The time commits are dated back from (rounded down to the minute, so a fixed clock gives fixed shas). */
	anchor: Date;
	/** The directory served as the daemon's base path; the bare repository is `<remoteDir>/fleet.git`. */
	remoteDir: string;
	repoPath: string;
	/** The URL the clone's origin gets. */
	remoteUrl: string;
};

/** The bare repository's folder name under the served directory (also the URL path). */
export const fleetRepoName = 'fleet.git';

/** Creates the bare remote with the whole history and a clone of it. */
export async function createFleetRepo(options: FleetRepoOptions): Promise<FleetRepo> {
	const {git} = options;
	const barePath = path.join(options.remoteDir, fleetRepoName);
	await mkdir(options.remoteDir, {recursive: true});
	must(await git({args: ['init', '--quiet', '--bare', '--initial-branch=main', barePath], cwd: options.remoteDir}), 'git init');
	const anchorSeconds = Math.floor(options.anchor.getTime() / 60_000) * 60;
	const dates = {} as Record<CommitName, Date>;
	for (const commit of options.commits) dates[commit.name] = new Date((anchorSeconds - commit.minutesAgo * 60) * 1000);
	const marksFile = path.join(options.remoteDir, 'fleet.marks');
	must(
		await git({
			args: ['fast-import', '--quiet', '--done', `--export-marks=${marksFile}`],
			cwd: barePath,
			input: fastImportStream(options.commits, dates),
		}),
		'git fast-import',
	);
	const marks = await readFile(marksFile, 'utf8');
	const shas = {} as Record<CommitName, string>;
	for (const line of marks.split('\n')) {
		const match = /^:(\d+) ([0-9a-f]{40})$/.exec(line.trim());
		const commit = match ? options.commits[Number(match[1]) - 1] : undefined;
		if (commit) shas[commit.name] = match![2]!;
	}
	const missing = options.commits.find(commit => !shas[commit.name]);
	if (missing) throw new Error(`demo repository: git fast-import gave no sha for commit ${missing.name}`);
	must(await git({args: ['clone', '--quiet', barePath, options.repoPath], cwd: options.remoteDir}), 'git clone');
	must(await git({args: ['remote', 'set-url', 'origin', options.remoteUrl], cwd: options.repoPath}), 'git remote set-url');
	return {barePath, repoPath: options.repoPath, shas, dates, head: shas[options.commits.at(-1)!.name]};
}

/**
 * The fast-import stream of the history on `refs/heads/main`: mark N is the N-th commit, each commit
 * writes its files in full (paths sorted, so the stream is stable).
 */
export function fastImportStream(commits: readonly FleetCommit[], dates: Record<CommitName, Date>): string {
	const parts: string[] = [];
	commits.forEach((commit, index) => {
		const when = `${Math.floor(dates[commit.name].getTime() / 1000)} +0000`;
		const who = `${commit.author.name} <${commit.author.email}>`;
		const message = commit.body ? `${commit.subject}\n\n${commit.body}\n` : `${commit.subject}\n`;
		parts.push(`commit refs/heads/main\nmark :${index + 1}\nauthor ${who} ${when}\ncommitter ${who} ${when}\n${data(message)}`);
		for (const file of Object.keys(commit.files).sort()) parts.push(`M 100644 inline ${file}\n${data(commit.files[file]!)}`);
		parts.push('\n');
	});
	parts.push('done\n');
	return parts.join('');
}

function data(text: string): string {
	return `data ${Buffer.byteLength(text, 'utf8')}\n${text}\n`;
}

function must(result: GitResult, what: string): void {
	if (!result.ok) throw new Error(`demo repository: ${what} failed: ${result.error.message}`);
}
