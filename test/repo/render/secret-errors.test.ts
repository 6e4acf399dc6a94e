/**
 * kustomize quotes what it cannot parse: a malformed `secretGenerator` literal comes back whole in its error. The
 * render error must carry none of it, whether the kustomization is built directly, under a base, or under a
 * Flux overlay; nor a value from a generator's env file or a Secret manifest the build lists.
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {createFindBinary, createProcessRunner} from '../../../source/repo/process-runner.js';
import {renderPath} from '../../../source/repo/render/index.js';
import type {RenderTools} from '../../../source/repo/render/tool-output.js';
import {makeRepoTempDir} from '../../support/repo-helpers.js';

const canary = 'CANARY-GENERATOR-LITERAL-77aa';
const env = {PATH: process.env.PATH, HOME: process.env.HOME};
const realFind = createFindBinary(env);
const tools: RenderTools = {run: createProcessRunner(), env, findBinary: async name => (name === 'kustomize' ? undefined : realFind(name))};
const temp = makeRepoTempDir('gitops-tui-secret-errors-');
afterAll(() => temp.cleanup());
const root = path.join(temp.dir, 'repo');

function write(file: string, text: string): void {
	mkdirSync(path.dirname(path.join(root, file)), {recursive: true});
	writeFileSync(path.join(root, file), text);
}

write('apps/literal/kustomization.yaml', `secretGenerator:\n- name: db\n  literals: ["password ${canary}"]\n`);
write('apps/overlay/kustomization.yaml', 'resources: [../literal]\n');
write('apps/repeated/kustomization.yaml', `secretGenerator:\n- name: db\n  literals: ["password=${canary}", "password=${canary}-2"]\n  envs: [db.env]\n`);
write('apps/repeated/db.env', `token=${canary}-env\n`);

describe('kustomize errors never carry a Secret value', () => {
	it.each([
		['apps/literal', undefined],
		['apps/overlay', undefined],
		['apps/literal', {namePrefix: 'x-'}],
		['apps/repeated', undefined],
	])('%s (flux fields %j)', async (appPath, fields) => {
		const result = await renderPath({root, path: appPath, tools, tempDir: temp.dir, ...(fields ? {flux: {kustomize: fields}} : {})});
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error.kind).toBe('kustomize');
		expect(result.error.message).not.toContain('CANARY');
		expect(result.error.message).not.toContain(Buffer.from(canary).toString('base64').slice(0, 16));
	});

	it('still says what is wrong', async () => {
		const result = await renderPath({root, path: 'apps/literal', tools});
		expect(result.ok === false && result.error.message).toContain('invalid literal source (masked), expected key=value');
	});
});
