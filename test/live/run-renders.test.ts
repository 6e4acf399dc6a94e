/**
 * How a run of the live loop renders: a wide run (the first one over a fleet) renders process renders in a lane of
 * their own, started first, and many plain folders at once beside them, as `status` does; a live change's few apps
 * render in their order, two at once. Results come back in the apps' order either way.
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import type {AppDefinition} from '../../source/engines/engine.js';
import {renderWideFrom, runRenders} from '../../source/live/run-renders.js';
import {makeRepoTempDir} from '../support/repo-helpers.js';

const temp = makeRepoTempDir('gitops-tui-run-renders-');
afterAll(() => temp.cleanup());

const app = (name: string): AppDefinition => ({id: `plain/${name}`, name, sources: [{repoUrl: '', path: name}]}) as unknown as AppDefinition;

/** A render that records when each app started and how many ran at once, and resolves on the next turn. */
function recordingRender() {
	const started: string[] = [];
	let running = 0;
	let most = 0;
	const render = async (definition: AppDefinition) => {
		started.push(definition.name);
		most = Math.max(most, ++running);
		await new Promise(resolve => setImmediate(resolve));
		running--;
		return `render of ${definition.name}`;
	};
	return {render, started, most: () => most};
}

function tree(names: readonly string[], kustomizations: readonly string[]) {
	const root = path.join(temp.dir, `tree-${names.length}`);
	for (const name of names) mkdirSync(path.join(root, name), {recursive: true});
	for (const name of kustomizations) writeFileSync(path.join(root, name, 'kustomization.yaml'), 'resources: []\n');
	return {ok: true as const, sha: 'abc', dir: root};
}

describe('runRenders', () => {
	it('renders a wide run in two lanes: process renders first in their own, plain folders many at once beside them', async () => {
		const names = Array.from({length: 20}, (_, index) => `plain-${index}`).concat(['kust-late']);
		const apps = names.map(app);
		const recorder = recordingRender();
		// plain-3's render key found it is a process (a folder since turned kustomization); kust-late is found by listing.
		const processes = new Map([[apps[3]!.id, true]]);
		const results = await runRenders(apps, {tree: tree(names, ['kust-late']), processes, render: recorder.render, processLane: 1});
		expect(recorder.started.slice(0, 2)).toEqual(['plain-3', 'plain-0']);
		expect(recorder.started.indexOf('kust-late')).toBeGreaterThan(recorder.started.indexOf('plain-15'));
		// One process render at a time, 16 plain ones beside it.
		expect(recorder.most()).toBe(17);
		expect(results).toEqual(names.map(name => `render of ${name}`));
	});

	it('renders the few apps of a live change in their order, two at once', async () => {
		const names = Array.from({length: renderWideFrom}, (_, index) => `few-${index}`);
		names[names.length - 1] = 'kust-few';
		const apps = names.map(app);
		const recorder = recordingRender();
		const results = await runRenders(apps, {tree: tree(names, ['kust-few']), processes: new Map(), render: recorder.render});
		expect(recorder.started).toEqual(names);
		expect(recorder.most()).toBe(2);
		expect(results).toEqual(names.map(name => `render of ${name}`));
	});

	it('keeps the concurrency a caller set', async () => {
		const names = Array.from({length: 12}, (_, index) => `set-${index}`);
		const recorder = recordingRender();
		await runRenders(names.map(app), {tree: tree(names, []), processes: new Map(), render: recorder.render, concurrency: 3});
		expect(recorder.most()).toBe(3);
	});
});
