/**
 * The Secret values a kustomize build reads, so that its error message can be masked (kustomize quotes a
 * malformed `secretGenerator` literal whole): generator literals, the lines of generator env and files sources,
 * and the values of Secret manifests listed as resources. Read inside the repository only, capped.
 */
import path from 'node:path';
import {secretManifestValues} from '../../domain/secret-text.js';
import {readRepoFile} from '../inside-repo.js';
import type {VisitedKustomization} from './kustomize-references.js';
import type {RenderLimits} from './types.js';
import {parseYamlDocuments} from './yaml-parse.js';

/** Every Secret value the visited kustomizations name or hold. */
export async function kustomizeSecretValues(root: string, visited: readonly VisitedKustomization[], limits: RenderLimits): Promise<string[]> {
	const values: string[] = [];
	const read = async (dir: string, file: string) => {
		const result = await readRepoFile({root, from: dir, target: file, maxBytes: limits.maxFileBytes});
		return result.ok ? result.text : undefined;
	};
	for (const {dir, value} of visited) {
		if (!isRecord(value)) continue;
		for (const generator of list(value.secretGenerator)) {
			if (!isRecord(generator)) continue;
			for (const literal of list(generator.literals)) {
				if (typeof literal !== 'string') continue;
				// `key=value`; a malformed literal (no `=`) is echoed whole by kustomize.
				values.push(literal, literal.slice(literal.indexOf('=') + 1));
			}
			const sources = [...list(generator.envs), generator.env, ...list(generator.files).map(file => (typeof file === 'string' ? file.slice(file.indexOf('=') + 1) : file))];
			for (const source of sources) {
				if (typeof source !== 'string' || source.trim() === '') continue;
				const text = await read(dir, source.trim());
				if (text === undefined) continue;
				values.push(text);
				for (const line of text.split('\n')) values.push(line, line.slice(line.indexOf('=') + 1));
			}
		}
		for (const resource of list(value.resources)) {
			if (typeof resource !== 'string' || !/\.(ya?ml|json)$/i.test(resource)) continue;
			const text = await read(dir, resource);
			if (text === undefined) continue;
			const parsed = parseYamlDocuments(text, {file: path.basename(resource), maxBytes: limits.maxFileBytes, maxExpandedNodes: limits.maxExpandedNodes, yaml11Warnings: false});
			if (!parsed.ok) continue;
			for (const document of parsed.documents) if (isRecord(document.value) && document.value.kind === 'Secret') values.push(...secretManifestValues(document.value));
		}
	}
	return values;
}

function list(value: unknown): unknown[] {
	return Array.isArray(value) ? value : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
