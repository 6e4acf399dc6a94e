/**
 * Finds, reads and merges kubeconfig files by kubectl's rules:
 * - `--kubeconfig FILE`: only that file, which must exist;
 * - else `KUBECONFIG`: every listed file (duplicates and empty entries dropped, missing files skipped
 *   with a warning), merged so the first file to define a name wins and the first file to set
 *   current-context wins (client-node takes the last; kubectl and we take the first);
 * - else `~/.kube/config`.
 */
import path from 'node:path';
import {failed, succeeded, type ClusterResult} from './failure.js';
import {parseKubeconfig} from './kubeconfig-parse.js';
import type {Kubeconfig, KubeconfigFile} from './kubeconfig-types.js';

/** Where to look and how to read: passed in so tests need no real home directory. */
export type KubeconfigSources = {
	/** `--kubeconfig`, if given. */
	explicitFile?: string;
	/** The KUBECONFIG variable, if set. */
	kubeconfigEnv?: string;
	homeDir: string;
	cwd: string;
	/** Reads a whole file; rejects with `code: 'ENOENT'` for a missing file. */
	readFile: (file: string) => Promise<string>;
	/** The list separator of KUBECONFIG (`:`, or `;` on Windows). */
	delimiter?: string;
};

/** Reads and merges the kubeconfig; the failure names the file and what is wrong with it. */
export async function loadKubeconfig(sources: KubeconfigSources): Promise<ClusterResult<Kubeconfig>> {
	const warnings: string[] = [];
	const explicit = sources.explicitFile?.trim();
	let candidates: string[];
	let mustExist: boolean;
	if (explicit) {
		candidates = [path.resolve(sources.cwd, explicit)];
		mustExist = true;
	} else if (sources.kubeconfigEnv?.trim()) {
		const listed = sources.kubeconfigEnv.split(sources.delimiter ?? path.delimiter).filter(entry => entry.trim() !== '');
		candidates = [...new Set(listed.map(entry => path.resolve(sources.cwd, entry)))];
		mustExist = false;
	} else {
		candidates = [path.join(sources.homeDir, '.kube', 'config')];
		mustExist = true;
	}

	const parsed: KubeconfigFile[] = [];
	for (const file of candidates) {
		let text: string;
		try {
			text = await sources.readFile(file);
		} catch (error) {
			const code = (error as {code?: string}).code;
			if (code === 'ENOENT' && !mustExist) {
				warnings.push(`KUBECONFIG lists ${file}, which does not exist`);
				continue;
			}

			const what = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'is not readable (permission denied)' : `cannot be read: ${(error as Error).message}`;
			return failed('kubeconfig', `kubeconfig ${file} ${what}`, {file});
		}

		const result = parseKubeconfig(file, text);
		if (!result.ok) return result;
		parsed.push(result.value);
	}

	if (parsed.length === 0) {
		return failed('kubeconfig', `no kubeconfig: none of the files in KUBECONFIG exist (${candidates.join(', ')})`, {file: candidates[0]});
	}

	return succeeded({...mergeKubeconfigs(parsed), warnings});
}

/** Merges parsed files, first wins, as kubectl does. Pure. */
export function mergeKubeconfigs(files: KubeconfigFile[]): Omit<Kubeconfig, 'warnings'> {
	const merged: Omit<Kubeconfig, 'warnings'> = {
		files: files.map(file => file.file),
		clusters: new Map(),
		users: new Map(),
		contexts: new Map(),
	};
	for (const file of files) {
		if (!merged.currentContext && file.currentContext) merged.currentContext = {name: file.currentContext, file: file.file};
		for (const cluster of file.clusters) if (!merged.clusters.has(cluster.name)) merged.clusters.set(cluster.name, cluster);
		for (const user of file.users) if (!merged.users.has(user.name)) merged.users.set(user.name, user);
		for (const context of file.contexts) if (!merged.contexts.has(context.name)) merged.contexts.set(context.name, context);
	}

	return merged;
}
