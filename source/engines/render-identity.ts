/**
 * What made a render, for renders kept across processes (render-store.ts): this build of gitops-tui (its
 * version, and the file its code was loaded from, which every build writes anew) and every render tool it may
 * run (kustomize, kubectl for `kubectl kustomize`, helm: path, size and modification time, so an upgraded binary
 * renders anew). A stat per tool instead of asking each its version: a `kubectl version` process costs more than
 * most renders it would save.
 */
import {stat} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import type {RenderTools} from '../repo/render/index.js';
import {renderStoreFormat} from './render-store.js';

/** The render tools whose version a render may depend on. */
const renderTools = ['kustomize', 'kubectl', 'helm'];

export async function renderIdentity(options: {build: string; tools: Pick<RenderTools, 'findBinary'>}): Promise<string> {
	const tools = await Promise.all(
		renderTools.map(async name => {
			const found = await options.tools.findBinary(name);
			if (!found) return `${name}:none`;
			const info = await stat(found).catch(() => undefined);
			return `${name}:${found}:${info?.size ?? '?'}:${info?.mtimeMs ?? '?'}`;
		}),
	);
	return JSON.stringify([renderStoreFormat, options.build, tools]);
}

/** This build: its version and the modification time and size of the module file given (`import.meta.url`). */
export async function buildIdentity(version: string, moduleUrl: string): Promise<string> {
	try {
		const info = await stat(fileURLToPath(moduleUrl));
		return `${version}:${info.size}:${info.mtimeMs}`;
	} catch {
		return `${version}:unknown`;
	}
}
