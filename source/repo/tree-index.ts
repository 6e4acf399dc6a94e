/**
 * The tree object id of every directory of a commit, read in one git process: two commits give a directory the
 * same id exactly when everything under it is the same, so a render of a path can be kept across commits that did
 * not touch it (render caches ask this instead of comparing files). Symbolic links are listed too: a link may lead
 * out of the directory it sits in, so content under it is not pinned by that directory's id alone.
 */
import type {Git, GitFailure} from './git-runner.js';
import type {RepoLocation} from './repo-open.js';

/** A commit's directories by path (`''` is the root, no trailing slash), and its symbolic links. */
export type TreeIndex = {
	commit: string;
	trees: ReadonlyMap<string, string>;
	symlinks: readonly string[];
};

export type TreeIndexResult = {ok: true; index: TreeIndex} | {ok: false; error: GitFailure};

/** Reads the index of a commit (a full sha: the caller resolved it). */
export async function readTreeIndex(options: {location: RepoLocation; git: Git; commit: string}): Promise<TreeIndexResult> {
	const {commit} = options;
	if (!/^[0-9a-f]{40,64}$/.test(commit)) return {ok: false, error: {kind: 'not-found', message: `not a commit id: ${JSON.stringify(commit)}`}};
	const cwd = options.location.gitDir;
	const [root, listing] = await Promise.all([
		options.git({args: ['rev-parse', '--verify', '--quiet', `${commit}^{tree}`], cwd}),
		options.git({args: ['ls-tree', '-r', '-t', '-z', '--full-tree', commit], cwd, maxOutputBytes: 64 * 1024 * 1024}),
	]);
	if (!root.ok) return root;
	if (!listing.ok) return listing;
	const trees = new Map<string, string>([['', root.stdout.trim()]]);
	const symlinks: string[] = [];
	for (const record of listing.stdout.split('\0')) {
		// `<mode> <type> <object>\t<path>`
		const tab = record.indexOf('\t');
		if (tab < 0) continue;
		const [mode, type, object] = record.slice(0, tab).split(' ');
		const file = record.slice(tab + 1);
		if (type === 'tree' && object) trees.set(file, object);
		else if (mode === '120000') symlinks.push(file);
	}
	return {ok: true, index: {commit, trees, symlinks}};
}

/** The content id of a directory (`'absent'` when the commit has none); `''` or `.` is the root. */
export function directoryId(index: TreeIndex, dir: string): string {
	return index.trees.get(normalise(dir)) ?? 'absent';
}

/** Whether a symbolic link lies in the directory or under it. */
export function hasSymlinkUnder(index: TreeIndex, dir: string): boolean {
	const prefix = normalise(dir);
	return index.symlinks.some(link => prefix === '' || link === prefix || link.startsWith(`${prefix}/`));
}

function normalise(dir: string): string {
	return dir
		.split('/')
		.filter(part => part !== '' && part !== '.')
		.join('/');
}
