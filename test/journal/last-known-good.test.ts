/**
 * The last-known-good store on disk: content-addressed (the same manifests stored once), Secrets never written
 * (named instead), revisions found by prefix, a stored file edited since refused, names from the cluster unable to
 * escape the store's folder.
 */
import {readdirSync, readFileSync, statSync, utimesSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import type {KubeObject} from '../../source/domain/kube-object.js';
import {lastKnownGoodDir, openLastKnownGood} from '../../source/journal/last-known-good.js';
import {makeRepoTempDir} from '../support/repo-helpers.js';

const temp = makeRepoTempDir('gitops-tui-lkg-');
afterAll(() => temp.cleanup());

const canary = 'CANARY-LKG-VALUE-55aa';
const configMap = (value: string): KubeObject => ({apiVersion: 'v1', kind: 'ConfigMap', metadata: {name: 'settings', namespace: 'shop'}, data: {value}});
const secret: KubeObject = {apiVersion: 'v1', kind: 'Secret', metadata: {name: 'creds', namespace: 'shop'}, stringData: {password: canary}};
const app = {engine: 'flux', context: 'prod', namespace: 'flux-system', app: 'web'};
const sha = (digit: string) => digit.repeat(40);

function filesUnder(dir: string): string[] {
	return readdirSync(dir, {recursive: true, withFileTypes: true})
		.filter(entry => entry.isFile())
		.map(entry => path.join(entry.parentPath, entry.name));
}

describe('last-known-good store', () => {
	it('lives in $XDG_STATE_HOME/gitops-tui/last-known-good, else ~/.local/state', () => {
		expect(lastKnownGoodDir({XDG_STATE_HOME: '/state'}, '/home/a')).toBe('/state/gitops-tui/last-known-good');
		expect(lastKnownGoodDir({}, '/home/a')).toBe('/home/a/.local/state/gitops-tui/last-known-good');
	});

	it('keeps manifests content-addressed, leaves Secrets out and names them; finds a revision by prefix', async () => {
		const dir = path.join(temp.dir, 'a');
		const store = openLastKnownGood({dir, now: () => new Date('2026-12-01T10:00:00Z')});
		const record = await store.keep(app, sha('a'), [configMap('1'), secret]);
		expect(record).toMatchObject({revision: sha('a'), objects: 1, skippedSecrets: ['shop/creds'], savedAt: '2026-12-01T10:00:00.000Z'});
		await store.keep({...app, context: 'other'}, sha('a'), [{...configMap('1'), data: {value: '1'}}]);
		await store.keep(app, sha('b'), [configMap('2')]);
		expect(readdirSync(path.join(dir, 'objects'))).toHaveLength(2);
		const found = await store.find(app, sha('a').slice(0, 7));
		expect(found?.manifests).toEqual([configMap('1')]);
		expect((await store.records(app)).map(entry => entry.revision)).toEqual([sha('a'), sha('b')]);
		expect(await store.find(app, 'aaa')).toBeUndefined();
		expect(await store.find({...app, app: 'api'}, sha('a'))).toBeUndefined();
		for (const file of filesUnder(dir)) expect(readFileSync(file, 'utf8')).not.toContain(canary);
	});

	it('refuses a stored file edited since it was kept', async () => {
		const dir = path.join(temp.dir, 'b');
		const store = openLastKnownGood({dir, now: () => new Date()});
		const record = await store.keep(app, sha('c'), [configMap('1')]);
		writeFileSync(path.join(dir, 'objects', `${record.digest}.json`), JSON.stringify([configMap('evil')]));
		expect(await store.find(app, sha('c'))).toBeUndefined();
	});

	it('keeps the same manifests again without writing, and puts back a stored file edited since', async () => {
		const dir = path.join(temp.dir, 'd');
		const store = openLastKnownGood({dir, now: () => new Date()});
		const record = await store.keep(app, sha('e'), [configMap('1')]);
		const file = path.join(dir, 'objects', `${record.digest}.json`);
		// Dated an hour back, so a rewrite would show in the modification times whatever the clock's granularity.
		const past = new Date(Date.now() - 3_600_000);
		const index = filesUnder(path.join(dir, 'apps'));
		for (const name of [file, ...index]) utimesSync(name, past, past);
		const written = statSync(file).mtimeMs;
		const indexWritten = index.map(name => statSync(name).mtimeMs);
		expect(await store.keep(app, sha('e'), [configMap('1')])).toEqual(record);
		expect(statSync(file).mtimeMs).toBe(written);
		expect(index.map(name => statSync(name).mtimeMs)).toEqual(indexWritten);
		writeFileSync(file, JSON.stringify([configMap('evil')]));
		await store.keep(app, sha('e'), [configMap('1')]);
		expect((await store.find(app, sha('e')))?.manifests).toEqual([configMap('1')]);
	});

	it('keeps names from the cluster inside the store', async () => {
		const dir = path.join(temp.dir, 'c');
		const store = openLastKnownGood({dir, now: () => new Date()});
		await store.keep({engine: 'plain', context: '../../escape', namespace: '..', app: '../x'}, sha('d'), [configMap('1')]);
		for (const file of filesUnder(temp.dir)) expect(path.relative(dir, file).startsWith('..') && file.includes('escape')).toBe(false);
		expect(filesUnder(dir).every(file => file.startsWith(dir))).toBe(true);
	});
});
