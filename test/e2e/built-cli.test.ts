/**
 * The e2e guard against running an old bundle: a failed `npm run build` leaves the previous dist/cli.js in place,
 * and the e2e tests then assert today's screens against yesterday's program (the rollback test failed on a
 * missing F prompt that way). Real files in a temp dir, with their modification times set.
 */
import {mkdir, mkdtemp, rm, utimes, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {staleBuildReason} from '../support/built-cli.js';

let root: string | undefined;

afterEach(async () => {
	if (root) await rm(root, {recursive: true, force: true});
	root = undefined;
});

async function project(times: {cli?: number; source: number; nested: number}): Promise<{cli: string; source: string}> {
	root = await mkdtemp(path.join(os.tmpdir(), 'gitops-tui-built-cli-'));
	const cli = path.join(root, 'dist', 'cli.js');
	const source = path.join(root, 'source');
	await mkdir(path.join(source, 'ui'), {recursive: true});
	await writeFile(path.join(source, 'cli.tsx'), '');
	await writeFile(path.join(source, 'ui', 'action-dialog.tsx'), '');
	await utimes(path.join(source, 'cli.tsx'), times.source, times.source);
	await utimes(path.join(source, 'ui', 'action-dialog.tsx'), times.nested, times.nested);
	if (times.cli !== undefined) {
		await mkdir(path.dirname(cli), {recursive: true});
		await writeFile(cli, '');
		await utimes(cli, times.cli, times.cli);
	}
	return {cli, source};
}

describe('the e2e tests refuse a missing or stale bundle', () => {
	it('accepts a bundle built after every source file', async () => {
		const {cli, source} = await project({cli: 3000, source: 1000, nested: 2000});
		expect(staleBuildReason(cli, source)).toBeUndefined();
	});

	it('names the newest source file, however deep, when the bundle is older (a build that failed)', async () => {
		const {cli, source} = await project({cli: 3000, source: 1000, nested: 4000});
		expect(staleBuildReason(cli, source)).toMatch(/cli\.js is older than source\/ui\/action-dialog\.tsx: run npm run build/);
	});

	it('says the bundle is missing', async () => {
		const {cli, source} = await project({source: 1000, nested: 2000});
		expect(staleBuildReason(cli, source)).toMatch(/cli\.js is missing: run npm run build/);
	});
});
