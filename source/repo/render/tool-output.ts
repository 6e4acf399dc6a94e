/**
 * Shared handling of render tools (kustomize, kubectl kustomize, helm): run with the render limits,
 * tidy their error messages (klog prefixes, absolute cache paths), and read their YAML output.
 */
import type {ProcessFailure, ProcessRunner} from '../process-runner.js';
import {collectObjects, type CollectedDocuments} from './documents.js';
import type {RenderError, RenderErrorKind, RenderLimits} from './types.js';
import {parseYamlDocuments} from './yaml-parse.js';

/** What renderers need from the outside world, injected. */
export type RenderTools = {
	run: ProcessRunner;
	findBinary: (name: string) => Promise<string | undefined>;
	/** The environment tools run with (PATH, HOME, KUBECONFIG-free is fine). */
	env: NodeJS.ProcessEnv;
	/** Scratch space for values files; default the OS temp folder. */
	tmpDir?: string;
};

/**
 * A tool's stderr as one readable message: klog's `E1122 ... run.go:72] "command failed" err="..."`
 * reduced to the quoted error, `Error: ` prefixes dropped, the tree's absolute path made relative.
 */
export function toolMessage(failure: ProcessFailure, root: string): string {
	const stderr = failure.stderr ?? '';
	const klog = /err="((?:[^"\\]|\\.)*)"/.exec(stderr);
	let message = klog ? klog[1]!.replace(/\\(.)/g, '$1') : stderr.trim() || failure.message;
	message = message
		.split('\n')
		.map(line => line.replace(/^(Error|error): /, '').trim())
		.filter(Boolean)
		.slice(0, 6)
		.join('; ');
	return message.replaceAll(`${root}/`, '').replaceAll(root, '.');
}

/** The error kind for a failed tool run. */
export function toolFailureKind(failure: ProcessFailure, otherwise: RenderErrorKind): RenderErrorKind {
	if (failure.kind === 'timeout') return 'timeout';
	if (failure.kind === 'too-large') return 'too-large';
	return otherwise;
}

/** Parses a tool's YAML output into objects; lines refer to the output, so they are dropped. */
export function readToolOutput(
	stdout: string,
	what: string,
	limits: RenderLimits,
): {ok: true; collected: CollectedDocuments} | {ok: false; error: RenderError} {
	// Tool output quotes YAML 1.1 booleans itself, so no warnings; errors name the tool, not a file.
	const parsed = parseYamlDocuments(stdout, {file: what, maxBytes: limits.maxOutputBytes, maxExpandedNodes: limits.maxExpandedNodes, yaml11Warnings: false});
	if (!parsed.ok) {
		const {file: _file, line: _line, ...error} = parsed.error;
		return {ok: false, error};
	}
	const collected = collectObjects(parsed.documents, undefined);
	if (collected.error) return {ok: false, error: {kind: collected.error.kind, message: `${what}: ${collected.error.message.replace(/^line \d+: /, '')}`}};
	for (const object of collected.objects) delete object.line;
	for (const note of collected.notes) {
		note.message = `${what}: ${note.message.replace(/^line \d+: /, '')}`;
		delete note.line;
	}
	return {ok: true, collected};
}
