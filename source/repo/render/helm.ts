/**
 * A Helm chart, rendered with `helm template` where helm is on PATH. Without helm the app gets a clear
 * message instead of a render, never a crash. helm marks each document with `# Source: chart/templates/x`,
 * so objects (and template errors) are traced back to their template file.
 */
import {randomBytes} from 'node:crypto';
import {rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {maskSecretValues} from '../../domain/secret-text.js';
import {findLinkLeavingRepo, resolveInsideRepo} from '../inside-repo.js';
import {readToolOutput, toolFailureKind, toolMessage, type RenderTools} from './tool-output.js';
import {defaultRenderLimits, type RenderError, type RenderLimits, type RenderResult} from './types.js';

export type HelmRenderOptions = {
	root: string;
	/** The chart directory relative to root. */
	path: string;
	releaseName: string;
	namespace?: string;
	/** Values files, relative to the chart directory (as Argo CD and Flux name them). */
	valueFiles?: string[];
	/** Inline values, applied after the files. */
	values?: Record<string, unknown>;
	/** Render CRDs from the chart's crds/ folder too; default true (both controllers install them). */
	includeCrds?: boolean;
	tools: RenderTools;
	limits?: Partial<RenderLimits>;
};

/** Renders the chart. */
export async function renderHelmChart(options: HelmRenderOptions): Promise<RenderResult> {
	const limits = {...defaultRenderLimits(), ...options.limits};
	// helm reads the whole chart directory, following symlinks, and the values files it is given: all inside the repository.
	const chart = await resolveInsideRepo({root: options.root, target: options.path || '.', parentSegments: false, what: 'chart'});
	if (!chart.ok) return {ok: false, error: chart.error};
	const chartDir = chart.real;
	const link = await findLinkLeavingRepo({root: chart.root, dir: chartDir});
	if (link) return {ok: false, error: link};
	const helm = await options.tools.findBinary('helm');
	if (!helm) return {ok: false, error: {kind: 'helm-missing', message: `helm is not installed; cannot render chart at ${options.path}`}};
	const args = ['template', options.releaseName, chartDir];
	if (options.namespace) args.push('--namespace', options.namespace);
	if (options.includeCrds ?? true) args.push('--include-crds');
	for (const file of options.valueFiles ?? []) {
		const values = await resolveInsideRepo({root: chart.root, from: chartDir, target: file, what: 'values file'});
		// A missing values file is helm's to report; one outside the repository is never named to it.
		if (!values.ok && values.error.kind !== 'not-found') return {ok: false, error: values.error};
		args.push('--values', values.ok ? values.real : path.resolve(chartDir, file));
	}
	let valuesFile: string | undefined;
	if (options.values && Object.keys(options.values).length > 0) {
		valuesFile = path.join(options.tools.tmpDir ?? os.tmpdir(), `gitops-tui-values-${randomBytes(6).toString('hex')}.json`);
		// JSON is YAML, so helm reads it as a values file.
		await writeFile(valuesFile, JSON.stringify(options.values), {mode: 0o600});
		args.push('--values', valuesFile);
	}
	try {
		const what = `helm template ${options.path}`;
		const result = await options.tools.run({
			command: helm,
			args,
			cwd: chartDir,
			env: options.tools.env,
			timeoutMs: limits.toolTimeoutMs,
			maxOutputBytes: limits.maxOutputBytes,
		});
		if (!result.ok) {
			const message = toolMessage(result.error, chart.root);
			// A template's `fail` or `required` can quote a value: inline values (where Secrets end up) are masked.
			const masked = maskSecretValues(`${what}: ${message}`, stringLeaves(options.values));
			return {ok: false, error: {...templateLocation(message, options.path), kind: toolFailureKind(result.error, 'helm'), message: masked}};
		}
		const output = readToolOutput(result.stdout, what, limits);
		if (!output.ok) return output;
		const {objects, notes, warnings} = output.collected;
		const sources = sourceComments(result.stdout);
		for (const object of objects) {
			const source = sources.get(`${object.object.kind}/${object.object.metadata.name}`);
			if (source) object.file = path.posix.join(options.path, source);
		}
		if (objects.length === 0) notes.push({kind: 'empty-render', message: `${what}: the chart produced no objects`});
		return {ok: true, objects, notes, warnings};
	} finally {
		if (valuesFile) await rm(valuesFile, {force: true});
	}
}

/**
 * `kind/name` → template path inside the chart (without the chart-name prefix), read from the
 * `# Source:` comment that heads each document of helm's output.
 */
function sourceComments(output: string): Map<string, string> {
	const sources = new Map<string, string>();
	for (const document of output.split(/^---\s*$/m)) {
		const source = /^# Source: [^/\n]+\/(.+)$/m.exec(document)?.[1]?.trim();
		const kind = /^kind:\s*["']?([^"'\s#]+)/m.exec(document)?.[1];
		const name = /^ {2}name:\s*["']?([^"'\s#]+)/m.exec(document)?.[1];
		if (source && kind && name && !sources.has(`${kind}/${name}`)) sources.set(`${kind}/${name}`, source);
	}
	return sources;
}

/** Where a template error points: `template: chart/templates/x.yaml:12:4: ...` or `YAML parse error on chart/templates/x.yaml`. */
function templateLocation(message: string, chartPath: string): Pick<RenderError, 'file' | 'line'> {
	const template = /template: [^/\s]+\/(\S+?):(\d+)(?::\d+)?:/.exec(message);
	if (template) return {file: path.posix.join(chartPath, template[1]!), line: Number(template[2])};
	// Lines in a YAML parse error count in the template's output, not its source: name the file only.
	const parse = /YAML parse error on [^/\s]+\/(\S+?):/.exec(message);
	return parse ? {file: path.posix.join(chartPath, parse[1]!)} : {};
}

/** Every string in a values tree. */
function stringLeaves(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(stringLeaves);
	if (value && typeof value === 'object') return Object.values(value).flatMap(stringLeaves);
	return [];
}
