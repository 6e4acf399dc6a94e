/**
 * Keeps the layer map in source/README.md true without anyone remembering it: every import in
 * source/ is read and checked against the arrows below.
 */
import {readdirSync, readFileSync} from 'node:fs';
import path from 'node:path';
import {describe, expect, it} from 'vitest';

const root = path.resolve(import.meta.dirname, '../../source');

/** Which layers each layer may import (besides itself). Transitive arrows are spelled out. */
const allowed: Record<string, string[]> = {
	domain: [],
	cluster: ['domain'],
	repo: ['domain'],
	journal: ['domain'],
	engines: ['cluster', 'repo', 'journal', 'domain'],
	actions: ['engines', 'cluster', 'repo', 'journal', 'domain'],
	state: ['keymap', 'domain'],
	keymap: ['domain'],
	hooks: ['state', 'keymap', 'actions', 'engines', 'cluster', 'repo', 'journal', 'domain'],
	ui: ['hooks', 'state', 'keymap', 'domain'],
	// The live loop behind the TUI: watches and the repo feed the evaluation pipeline.
	live: ['state', 'engines', 'cluster', 'repo', 'journal', 'domain'],
	commands: ['live', 'ui', 'hooks', 'state', 'keymap', 'actions', 'engines', 'cluster', 'repo', 'journal', 'domain', 'sandbox'],
	// The demo world renders its generated repo with the real renderers and git wrapper.
	sandbox: ['repo', 'domain'],
	'interactive-terminal': [],
	cli: ['interactive-terminal', 'live', 'commands', 'ui', 'hooks', 'state', 'keymap', 'actions', 'engines', 'cluster', 'repo', 'journal', 'domain', 'sandbox'],
};

/** Packages that mean I/O, a UI runtime or a client: never in the pure domain. */
const impureForDomain = [/^node:/, /^(fs|path|child_process|http|https|net|os)$/, /^react/, /^ink/, /^@kubernetes\//, /^simple-git/];

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, {withFileTypes: true}).flatMap(entry => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
	});
}

function importsOf(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	const pattern = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
	return [...text.matchAll(pattern)].map(m => m[1] ?? m[2] ?? m[3]!).filter(Boolean);
}

function layerOf(file: string): string {
	// Top-level files (cli.tsx, interactive-terminal.ts) are layers of their own, named without extension.
	return path.relative(root, file).split(path.sep)[0]!.replace(/\.(tsx?|js)$/, '');
}

const files = sourceFiles(root);

describe('layering', () => {
	it('finds the source tree', () => {
		expect(files.length).toBeGreaterThan(0);
	});

	it.each(files.map(f => [path.relative(root, f), f]))('%s imports only what its layer may', (_name, file) => {
		const layer = layerOf(file);
		const may = allowed[layer];
		expect(may, `layer "${layer}" is not in the layer map (test/architecture/layers.test.ts and source/README.md)`).toBeDefined();
		const violations: string[] = [];
		for (const specifier of importsOf(file)) {
			if (specifier.startsWith('.')) {
				const target = layerOf(path.resolve(path.dirname(file), specifier));
				if (target !== layer && !may!.includes(target)) violations.push(`${specifier} (layer ${target})`);
			} else if (layer === 'domain' && impureForDomain.some(p => p.test(specifier))) {
				violations.push(`${specifier} (I/O, UI or client package in the pure domain)`);
			}
		}
		expect(violations).toEqual([]);
	});
});
