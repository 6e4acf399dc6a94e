/**
 * `KUBECTL_EXTERNAL_DIFF`, as kubectl honours it: live and merged objects written as YAML into two temporary
 * folders named like kubectl's (`LIVE-*`, `MERGED-*`), one file per object named `[group.]version.Kind.namespace.name`,
 * then the program run on the two folders with its output passed through. Secrets are masked before anything
 * touches the disk. The folders are removed afterwards.
 */
import {spawn} from 'node:child_process';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type {KubeObject} from '../../domain/kube-object.js';
import type {ResourceKey} from '../../domain/resource-key.js';
import {displayPair} from './display-object.js';

/** One object to write: its key, and its live and merged sides (either may be absent). */
export type ExternalDiffEntry = {key: ResourceKey; live?: KubeObject; merged?: KubeObject};

export type ExternalDiffOptions = {
	/** The variable's value: a program, then arguments (kept only when made of letters, digits, `-` and `=`, as kubectl does). */
	command: string;
	entries: readonly ExternalDiffEntry[];
	stdout: NodeJS.WritableStream;
	stderr: NodeJS.WritableStream;
	env: NodeJS.ProcessEnv;
	tmpDir?: string;
};

/** The program's exit code, or why it could not run. */
export type ExternalDiffResult = {ok: true; exitCode: number} | {ok: false; message: string};

/** kubectl's file name for an object. */
export function kubectlDiffFileName(key: ResourceKey): string {
	return `${key.group ? `${key.group}.` : ''}${key.version}.${key.kind}.${key.namespace}.${key.name}`;
}

/** Splits the variable as kubectl does: the program, then only "safe" arguments. */
export function parseExternalDiff(command: string): {program: string; args: string[]} {
	const [program = '', ...rest] = command.split(' ');
	return {program, args: rest.filter(arg => /^[a-zA-Z0-9\-=]+$/.test(arg))};
}

/** Writes the folders, runs the program, removes the folders. */
export async function runExternalDiff(options: ExternalDiffOptions): Promise<ExternalDiffResult> {
	const {program, args} = parseExternalDiff(options.command);
	if (!program) return {ok: false, message: 'KUBECTL_EXTERNAL_DIFF is empty'};
	const base = options.tmpDir ?? os.tmpdir();
	const liveDir = await mkdtemp(path.join(base, 'LIVE-'));
	const mergedDir = await mkdtemp(path.join(base, 'MERGED-'));
	try {
		for (const entry of options.entries) {
			const text = displayPair(entry.live, entry.merged);
			const file = kubectlDiffFileName(entry.key);
			if (entry.live) await writeFile(path.join(liveDir, file), text.live, {mode: 0o600});
			if (entry.merged) await writeFile(path.join(mergedDir, file), text.merged, {mode: 0o600});
		}

		return await new Promise<ExternalDiffResult>(resolve => {
			const child = spawn(program, [...args, liveDir, mergedDir], {env: options.env, stdio: ['ignore', 'pipe', 'pipe']});
			child.stdout.on('data', chunk => options.stdout.write(chunk));
			child.stderr.on('data', chunk => options.stderr.write(chunk));
			child.on('error', error => resolve({ok: false, message: `cannot run ${program}: ${error.message}`}));
			child.on('close', code => resolve({ok: true, exitCode: code ?? 2}));
		});
	} finally {
		await rm(liveDir, {recursive: true, force: true});
		await rm(mergedDir, {recursive: true, force: true});
	}
}
