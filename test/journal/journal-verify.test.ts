/**
 * Each kind of tampering on a real journal file, and what `verify` names: the first bad entry by seq and line.
 */
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {writeFileSync} from 'node:fs';
import {entryHash, genesisHash} from '../../source/journal/journal-entry.js';
import type {Journal, JournalEntry} from '../../source/journal/journal-types.js';
import {appendMany, linesOf, tempJournal, writeLines} from './journal-helpers.js';

let journal: Journal;
let file: string;
let cleanup: () => void;
let original: string[];

beforeEach(async () => {
	({journal, file, cleanup} = tempJournal());
	await appendMany(journal, 6);
	original = linesOf(file);
});
afterEach(() => cleanup());

const parse = (line: string) => JSON.parse(line) as JournalEntry;
const rehash = (entry: JournalEntry): string => JSON.stringify({...entry, hash: entryHash(entry)});

async function problem() {
	const result = await journal.verify();
	if (result.ok) throw new Error('verify found no problem');
	return result.problem;
}

describe('verify', () => {
	it('accepts an untouched journal and gives its head hash', async () => {
		expect(await journal.verify()).toEqual({ok: true, entries: 6, headHash: parse(original[5]!).hash});
	});

	it('accepts an empty or absent journal (head: 64 zeros)', async () => {
		writeFileSync(file, '');
		expect(await journal.verify()).toEqual({ok: true, entries: 0, headHash: genesisHash});
	});

	it('names an entry whose content was edited', async () => {
		writeLines(file, original.map((line, index) => (index === 2 ? line.replace('"app-3"', '"app-X"') : line)));
		expect(await problem()).toMatchObject({line: 3, seq: 3, kind: 'edited'});
	});

	it('names an entry that was edited and re-hashed (the next one no longer links to it)', async () => {
		const forged = rehash({...parse(original[2]!), actor: 'mallory'});
		writeLines(file, original.map((line, index) => (index === 2 ? forged : line)));
		expect(await problem()).toMatchObject({line: 3, seq: 3, kind: 'edited'});
	});

	it('names a deleted entry, and a deleted range', async () => {
		writeLines(file, original.filter((_, index) => index !== 2));
		expect(await problem()).toMatchObject({line: 3, seq: 3, kind: 'deleted'});
		writeLines(file, original.filter((_, index) => index !== 2 && index !== 3));
		const range = await problem();
		expect(range).toMatchObject({line: 3, seq: 3, kind: 'deleted'});
		expect(range.message).toContain('entries 3 to 4');
	});

	it('names a deleted first entry', async () => {
		writeLines(file, original.slice(1));
		expect(await problem()).toMatchObject({line: 1, seq: 1, kind: 'deleted'});
	});

	it('names an inserted entry, whether its prevHash is made up or chained onto the line before', async () => {
		const made = rehash({...parse(original[2]!), app: 'forged', prevHash: 'f'.repeat(64)});
		writeLines(file, [...original.slice(0, 2), made, ...original.slice(2)]);
		expect(await problem()).toMatchObject({line: 3, kind: 'inserted'});

		const chained = rehash({...parse(original[2]!), app: 'forged', prevHash: parse(original[1]!).hash});
		writeLines(file, [...original.slice(0, 2), chained, ...original.slice(2)]);
		expect(await problem()).toMatchObject({line: 3, seq: 3, kind: 'inserted'});
	});

	it('names a copied line as inserted', async () => {
		writeLines(file, [...original.slice(0, 4), original[1]!, ...original.slice(4)]);
		expect(await problem()).toMatchObject({line: 5, seq: 2, kind: 'inserted'});
	});

	it('names reordered entries: two swapped, the last moved to the top', async () => {
		writeLines(file, [original[0]!, original[1]!, original[3]!, original[2]!, original[4]!, original[5]!]);
		expect(await problem()).toMatchObject({line: 3, seq: 4, kind: 'reordered'});
		writeLines(file, [original[5]!, ...original.slice(0, 5)]);
		expect(await problem()).toMatchObject({line: 1, seq: 6, kind: 'reordered'});
	});

	it('finds a cut tail only against a head hash noted before; an older head is fine', async () => {
		const head = parse(original[5]!).hash;
		writeLines(file, original.slice(0, 4));
		expect((await journal.verify()).ok).toBe(true);
		const cut = await journal.verify({expectedHead: head});
		expect(cut).toMatchObject({ok: false, entries: 4, headHash: parse(original[3]!).hash, problem: {line: 5, kind: 'truncated'}});
		expect(await journal.verify({expectedHead: parse(original[2]!).hash})).toMatchObject({ok: true, entries: 4});
	});

	it('names a line that is not an entry, and a last line cut mid-write', async () => {
		writeLines(file, [...original.slice(0, 3), 'not json', ...original.slice(3)]);
		expect(await problem()).toMatchObject({line: 4, kind: 'malformed'});
		writeFileSync(file, `${original.slice(0, 5).join('\n')}\n${original[5]!.slice(0, 40)}`);
		expect(await problem()).toMatchObject({line: 6, kind: 'truncated'});
	});
});

describe('verify at every position', () => {
	const n = 6;
	const at = (problemLine: number, seq: number | undefined, kind: string) => ({line: problemLine, ...(seq === undefined ? {} : {seq}), kind});

	it.each(Array.from({length: n}, (_, index) => index))('names an edit, a re-hashed edit and a deletion of line %i + 1', async index => {
		writeLines(file, original.map((line, i) => (i === index ? line.replace('"alice@example.com"', '"mallory"') : line)));
		expect(await problem()).toMatchObject(at(index + 1, index + 1, 'edited'));
		if (index < n - 1) {
			// A re-hashed last entry is only found with --head; any other is found through the next link.
			writeLines(file, original.map((line, i) => (i === index ? rehash({...parse(line), actor: 'mallory'}) : line)));
			expect(await problem()).toMatchObject(at(index + 1, index + 1, 'edited'));
			writeLines(file, original.filter((_, i) => i !== index));
			expect(await problem()).toMatchObject(at(index + 1, index + 1, 'deleted'));
		}
	});

	it.each(Array.from({length: n - 1}, (_, index) => index))('names a swap of lines %i + 1 and the next as reordered', async index => {
		const swapped = [...original];
		[swapped[index], swapped[index + 1]] = [swapped[index + 1]!, swapped[index]!];
		writeLines(file, swapped);
		expect(await problem()).toMatchObject(at(index + 1, index + 2, 'reordered'));
	});

	it.each(Array.from({length: n}, (_, index) => index))('names a forged entry inserted before line %i + 1', async index => {
		const forged = rehash({...parse(original[index]!), app: 'forged', prevHash: index === 0 ? genesisHash : parse(original[index - 1]!).hash});
		writeLines(file, [...original.slice(0, index), forged, ...original.slice(index)]);
		expect(await problem()).toMatchObject(at(index + 1, index + 1, 'inserted'));
	});
});
