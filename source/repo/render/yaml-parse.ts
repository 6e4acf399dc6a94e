/**
 * Manifest text to documents, the way kubectl reads numbers (`0644` is 420) and merge keys, with errors
 * that name file and line, YAML 1.1 boolean warnings, and bounds: a file above the size limit is refused
 * before parsing, and alias expansion is measured before construction so a "billion laughs" file is
 * refused instead of walked.
 */
import {CORE_SCHEMA, NOT_RESOLVED, constructFromEvents, defineScalarTag, mergeTag, parseEvents, type Schema} from 'js-yaml';
import {yaml11BooleanWarnings, type YamlWarning} from '../../domain/yaml-warnings.js';
import {walkEvents, type DocumentFacts} from './yaml-events.js';
import type {RenderError, SubstitutableScalar} from './types.js';

/** One parsed document. */
export type ParsedDocument = {
	value: unknown;
	/** 1-based line where the document's content starts. */
	line: number;
	warnings: YamlWarning[];
	substitutable: SubstitutableScalar[];
};

export type ParseResult = {ok: true; documents: ParsedDocument[]} | {ok: false; error: RenderError};

export type ParseOptions = {
	/** Named in errors and warnings (relative to the tree root). */
	file?: string;
	maxBytes: number;
	maxExpandedNodes: number;
	/** JSON input: duplicate keys override instead of failing, as JSON.parse does. */
	json?: boolean;
	/** Check YAML 1.1 booleans (pointless for tool output, which quotes them). Default true. */
	yaml11Warnings?: boolean;
};

/**
 * Integers as Go's yaml libraries (kubectl, kustomize, Flux, Argo CD) read them: `0644` is octal 420
 * (file modes!), `0x1F`, `0o17`, `0b101`, underscores ignored. YAML 1.2's core schema would read
 * `0644` as 644, a false drift on every `defaultMode`.
 */
function goIntTag() {
	return defineScalarTag<number>('tag:yaml.org,2002:int', {
		implicit: true,
		implicitFirstChars: ['-', '+', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
		resolve(source) {
			const match = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(source.replaceAll('_', ''));
			if (!match) return NOT_RESOLVED;
			const digits = match[2]!;
			const magnitude = /^0[0-7]+$/.test(digits) ? Number.parseInt(digits, 8) : Number(digits.replace(/^0[oO]/, '0o'));
			return match[1] === '-' ? -magnitude : magnitude;
		},
		identify: data => Number.isInteger(data),
	});
}

let schema: Schema | undefined;

/** The schema manifests are read with, built once (building it per file was a measurable share of a fleet's parse). */
export function manifestSchema(): Schema {
	schema ??= CORE_SCHEMA.withTags(mergeTag, goIntTag());
	return schema;
}

/** Parses a file's text into documents (empty documents included, as null). */
export function parseYamlDocuments(text: string, options: ParseOptions): ParseResult {
	const where = options.file === undefined ? 'input' : options.file;
	const bytes = Buffer.byteLength(text, 'utf8');
	if (bytes > options.maxBytes) {
		return failure('too-large', `${where} is ${formatBytes(bytes)}, above the ${formatBytes(options.maxBytes)} limit for one manifest file`, options.file);
	}
	const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	let facts: DocumentFacts[];
	let values: unknown[];
	try {
		const events = parseEvents(source, options.file === undefined ? {} : {filename: options.file});
		facts = walkEvents(events, source);
		for (const document of facts) {
			const refusal = aliasRefusal(document, options.maxExpandedNodes);
			if (refusal) return failure('alias-bomb', `${where}:${document.line}: ${refusal}`, options.file, document.line);
		}
		values = constructFromEvents(events, {source, schema: manifestSchema(), json: options.json ?? false, ...(options.file === undefined ? {} : {filename: options.file})});
	} catch (error) {
		return yamlFailure(error, options.file);
	}
	const documents = values.map((value, index): ParsedDocument => {
		const document = facts[index];
		return {
			value,
			line: document?.line ?? 1,
			warnings:
				options.yaml11Warnings === false || !document || document.plainScalars.length === 0
					? []
					: yaml11BooleanWarnings(document.plainScalars, {...(options.file === undefined ? {} : {file: options.file}), mask: isSecret(value)}),
			substitutable: document?.substitutable ?? [],
		};
	});
	return {ok: true, documents};
}

/** Secret values are never repeated, not even in a warning. */
function isSecret(value: unknown): boolean {
	return typeof value === 'object' && value !== null && (value as {kind?: unknown}).kind === 'Secret';
}

/**
 * Why a document's alias use is refused, if it is: more expanded nodes than the cap, or (as go-yaml
 * judges "excessive aliasing") a share of alias-made nodes too large for the document's size.
 */
function aliasRefusal(document: DocumentFacts, maxExpandedNodes: number): string | undefined {
	const total = document.expandedNodes;
	if (total > maxExpandedNodes) {
		return `aliases expand this document to ${Math.round(total).toLocaleString('en')} nodes, above the limit of ${maxExpandedNodes.toLocaleString('en')} (an alias bomb?)`;
	}
	if (document.aliasNodes > 100 && total > 1000 && document.aliasNodes / total > allowedAliasRatio(total)) {
		return `document contains excessive aliasing (${Math.round(document.aliasNodes).toLocaleString('en')} of ${Math.round(total).toLocaleString('en')} nodes come from aliases)`;
	}
	return undefined;
}

/** go-yaml's allowance: 99% alias-made nodes for small documents, falling to 10% at 4 million nodes. */
function allowedAliasRatio(nodes: number): number {
	if (nodes <= 400_000) return 0.99;
	if (nodes >= 4_000_000) return 0.1;
	return 0.99 - ((nodes - 400_000) / 3_600_000) * 0.89;
}

function yamlFailure(error: unknown, file: string | undefined): ParseResult {
	const mark = (error as {mark?: {line?: number; column?: number}}).mark;
	const reason = (error as {reason?: string}).reason ?? (error instanceof Error ? error.message : String(error));
	const line = typeof mark?.line === 'number' ? mark.line + 1 : undefined;
	const column = typeof mark?.column === 'number' ? mark.column + 1 : undefined;
	const where = [file ?? 'input', line, column].filter(part => part !== undefined).join(':');
	return failure('yaml', `${where}: ${reason}`, file, line);
}

function failure(kind: RenderError['kind'], message: string, file?: string, line?: number): ParseResult {
	const error: RenderError = {kind, message};
	if (file !== undefined) error.file = file;
	if (line !== undefined) error.line = line;
	return {ok: false, error};
}

/** `8 MiB`, `10.5 MiB`, `1.5 KiB`, `900 B`. */
export function formatBytes(bytes: number): string {
	if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
	if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
	return `${bytes} B`;
}
