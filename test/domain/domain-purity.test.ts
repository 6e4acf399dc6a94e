import {readdirSync, readFileSync, statSync} from 'node:fs';
import {dirname, join, relative, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';

// The domain layer is pure TypeScript (ARCHITECTURE.md): no I/O, no React/Ink, no cluster or git clients.
// Only relative imports inside source/domain and the pure `diff` and `js-yaml` packages are allowed.
const domainDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'source', 'domain');
const allowedPackages = new Set(['diff', 'js-yaml']);

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap(name => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return /\.tsx?$/.test(name) ? [path] : [];
	});
}

function importsOf(text: string): string[] {
	const specifiers: string[] = [];
	const patterns = [/\bfrom\s+['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /^\s*import\s+['"]([^'"]+)['"]/gm, /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
	for (const pattern of patterns) for (const match of text.matchAll(pattern)) specifiers.push(match[1]!);
	return specifiers;
}

describe('source/domain purity', () => {
	const files = sourceFiles(domainDir);

	it('finds the domain files', () => {
		expect(files.length).toBeGreaterThan(10);
	});

	for (const file of files) {
		it(relative(domainDir, file), () => {
			const text = readFileSync(file, 'utf8');
			for (const specifier of importsOf(text)) {
				if (specifier.startsWith('.')) {
					const target = resolve(dirname(file), specifier);
					expect(target.startsWith(domainDir), `${specifier} leaves source/domain`).toBe(true);
					expect(specifier.endsWith('.js'), `${specifier} must end in .js (NodeNext)`).toBe(true);
				} else {
					expect(allowedPackages.has(specifier), `${specifier} is not allowed in the domain`).toBe(true);
				}
			}

			// No ambient I/O either: globals that reach the process, the clock or the network.
			expect(text).not.toMatch(/\bprocess\.(env|argv|cwd|stdout|stderr|exit)\b/);
			expect(text).not.toMatch(/\bfetch\s*\(/);
		});
	}
});
