import {readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseYamlDocuments} from '../../../source/repo/render/yaml-parse.js';
import {repoFixtures} from '../../support/repo-helpers.js';

const limits = {maxBytes: 8 * 1024 * 1024, maxExpandedNodes: 2_000_000};

function parse(text: string, extra: {file?: string; json?: boolean} = {}) {
	return parseYamlDocuments(text, {file: 'f.yaml', ...limits, ...extra});
}

describe('parseYamlDocuments', () => {
	it('splits documents, keeps empty ones as null, and gives each its first line', () => {
		const result = parse('# head\na: 1\n---\n---\n\n# c\nb: 2\n...\n');
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.documents.map(d => d.value)).toEqual([{a: 1}, null, {b: 2}]);
		expect(result.documents[0]!.line).toBe(2);
		expect(result.documents[2]!.line).toBe(7);
	});

	it('reads numbers as kubectl does: 0644 is octal, merge keys work, yes stays a string', () => {
		const result = parse('mode: 0644\nhex: 0x1F\nbig: 1_000\nnine: 09\nclock: 12:30\nflag: yes\nbase: &b {x: 1}\nmerged:\n  <<: *b\n  y: 2\n');
		expect(result.ok && result.documents[0]!.value).toEqual({mode: 420, hex: 31, big: 1000, nine: 9, clock: '12:30', flag: 'yes', base: {x: 1}, merged: {x: 1, y: 2}});
	});

	it('names file, line and column of a syntax error', () => {
		const result = parse('a: 1\nb: [1, 2\nc: 3\n');
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error).toMatchObject({kind: 'yaml', file: 'f.yaml'});
		expect(result.error.line).toBeGreaterThanOrEqual(2);
		expect(result.error.message).toMatch(/^f\.yaml:\d+:\d+: /);
	});

	it('refuses duplicate keys in YAML but lets JSON override them, as JSON.parse does', () => {
		const yaml = parse('a: 1\na: 2\n');
		expect(yaml.ok === false && yaml.error).toMatchObject({kind: 'yaml', line: 2});
		const json = parse('{"a": 1, "a": 2}', {json: true});
		expect(json.ok && json.documents[0]!.value).toEqual({a: 2});
	});

	it('flags YAML 1.1 booleans with file, line and path', () => {
		const result = parse('kind: Pod\nspec:\n  containers:\n    - name: n\n      tty: "yes"\n      stdin: on\n');
		expect(result.ok && result.documents[0]!.warnings.map(w => [w.line, w.path, w.value])).toEqual([
			[4, 'spec.containers[0].name', 'n'],
			[6, 'spec.containers[0].stdin', 'on'],
		]);
	});

	it('records $-bearing strings with their style for Flux substitution', () => {
		const result = parse('a: ${A}\nb: "${B}"\nc: plain\nd: |\n  x ${D}\n');
		expect(result.ok && result.documents[0]!.substitutable.map(s => [s.path.join('.'), s.plain, s.line])).toEqual([
			['a', true, 1],
			['b', false, 2],
			['d', false, 5],
		]);
	});

	it('gives the field path of keys, values, sequence items and nested collections, built only for the scalars recorded', () => {
		const text = 'spec:\n  list:\n    - [a, {deep: n}]\n    - x: ${X}\n  Yes: 1\n  map: {off: "${Y}", z: [b, $Z]}\n---\n- on\n';
		const result = parse(text);
		if (!result.ok) throw new Error(result.error.message);
		const [document] = result.documents;
		expect(document!.warnings.map(w => [w.line, w.path, w.value])).toEqual([
			[3, 'spec.list[0][1].deep', 'n'],
			[5, 'spec.Yes', 'Yes'],
			[6, 'spec.map.off', 'off'],
		]);
		expect(result.documents[1]!.warnings.map(w => [w.line, w.path, w.value])).toEqual([[8, '[0]', 'on']]);
		expect(document!.substitutable.map(s => [s.path, s.line, s.isKey])).toEqual([
			[['spec', 'list', 1, 'x'], 4, false],
			[['spec', 'map', 'off'], 6, false],
			[['spec', 'map', 'z', 1], 6, false],
		]);
	});

	it('drops a byte-order mark', () => {
		const result = parse('\ufeffa: 1\n');
		expect(result.ok && result.documents[0]!.value).toEqual({a: 1});
	});

	it('refuses an alias bomb quickly, before constructing it', () => {
		const text = readFileSync(path.join(repoFixtures, 'alias-bomb/bomb.yaml'), 'utf8');
		const started = Date.now();
		const result = parse(text, {file: 'alias-bomb/bomb.yaml'});
		expect(Date.now() - started).toBeLessThan(2000);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error).toMatchObject({kind: 'alias-bomb', file: 'alias-bomb/bomb.yaml', line: 2});
		expect(result.error.message).toContain('alias');
	});

	it('refuses excessive aliasing below the node cap, as go-yaml does', () => {
		// 2,000 references to a 100-item list: 200,000 nodes, almost all of them from aliases.
		const text = `base: &b [${Array.from({length: 100}, (_, i) => i).join(', ')}]\nrefs: [${Array(2000).fill('*b').join(', ')}]\n`;
		const result = parse(text);
		expect(result.ok === false && result.error.kind).toBe('alias-bomb');
		expect(result.ok === false && result.error.message).toContain('excessive aliasing');
	});

	it('allows ordinary anchors and aliases', () => {
		const result = parse('defaults: &d {cpu: 100m}\na: *d\nb: *d\n');
		expect(result.ok && result.documents[0]!.value).toEqual({defaults: {cpu: '100m'}, a: {cpu: '100m'}, b: {cpu: '100m'}});
	});

	it('refuses text above the size limit without parsing it', () => {
		const result = parseYamlDocuments('a: 1\n'.repeat(300), {file: 'big.yaml', maxBytes: 1000, maxExpandedNodes: 100});
		expect(result).toEqual({ok: false, error: {kind: 'too-large', message: 'big.yaml is 1.5 KiB, above the 1000 B limit for one manifest file', file: 'big.yaml'}});
	});
});

describe('parseYamlDocuments and Secrets', () => {
	it('never repeats a Secret value in a YAML 1.1 warning', () => {
		const canary = 'Off';
		const result = parseYamlDocuments(`apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  token: ${canary}\n`, {file: 's.yaml', ...limits});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const [warning] = result.documents[0]!.warnings;
		expect(warning).toMatchObject({path: 'stringData.token', line: 5, value: '(hidden)'});
		expect(JSON.stringify(result.documents[0]!.warnings)).not.toContain(canary);
	});
});
