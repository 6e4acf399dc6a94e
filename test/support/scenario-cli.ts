/**
 * Running the built CLI (`node dist/cli.js`) and real kubectl against a scenario, and reading the set of objects
 * each calls different, so the two can be compared.
 */
import {spawn} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {afterAll, beforeAll} from 'vitest';
import {staleBuildReason} from './built-cli.js';
import type {StatusDocument} from '../../source/commands/output/status-document.js';
import {runProcess, scenarioApps, startScenario, type Run, type Scenario, type ScenarioApp} from './scenario-cluster.js';

/** The built CLI (GITOPS_TUI_E2E_CLI points the scenarios at another build). */
export const builtCli = process.env['GITOPS_TUI_E2E_CLI'] ?? path.resolve(import.meta.dirname, '../../dist/cli.js');

/**
 * Builds the CLI when it is missing (CI builds it before the tests; a lone test run may not have), and refuses one
 * older than the sources (a failed build leaves the previous bundle), unless GITOPS_TUI_E2E_CLI names another build.
 */
export async function ensureBuiltCli(): Promise<void> {
	if (existsSync(builtCli)) {
		const stale = process.env['GITOPS_TUI_E2E_CLI'] ? undefined : staleBuildReason(builtCli, path.resolve(import.meta.dirname, '../../source'));
		if (stale) throw new Error(stale);
		return;
	}
	const built = await runProcess('node', [path.resolve(import.meta.dirname, '../../scripts/build.mjs')], process.env);
	if (built.code !== 0) throw new Error(`npm run build failed: ${built.stderr}`);
}

/**
 * One scenario for the whole test file, started once the built CLI is known current and stopped after the file:
 * `onStarted` receives it (`let scenario: Scenario; scenarioForFile(started => (scenario = started));`).
 */
export function scenarioForFile(onStarted: (scenario: Scenario) => void): void {
	let started: Scenario | undefined;
	beforeAll(async () => {
		await ensureBuiltCli();
		started = await startScenario();
		onStarted(started);
	}, 90_000);
	afterAll(async () => started?.stop());
}

/** The environment the CLI runs in against a scenario: its kubeconfig, a private HOME and cache. */
function scenarioEnv(scenario: Scenario): Record<string, string | undefined> {
	return {PATH: process.env['PATH'], HOME: scenario.repo.root, XDG_CACHE_HOME: path.join(scenario.repo.root, 'cache'), KUBECONFIG: scenario.kubeconfig};
}

/** Runs `gitops-tui ARGS` with the scenario's kubeconfig, a private HOME and cache. */
export function gitopsTui(scenario: Scenario, args: string[], env: Record<string, string> = {}): Promise<Run> {
	return runProcess('node', [builtCli, ...args], {...scenarioEnv(scenario), ...env});
}

/** Runs `gitops-tui ARGS` with its stdout closed by the reader before anything is written (as `| head -0` would). */
export async function gitopsTuiClosedPipe(scenario: Scenario, args: string[]): Promise<{code: number | null; stderr: string}> {
	const child = spawn('node', [builtCli, ...args], {env: scenarioEnv(scenario), stdio: ['ignore', 'pipe', 'pipe']});
	child.stdout.destroy();
	let stderr = '';
	child.stderr.on('data', chunk => (stderr += String(chunk)));
	const code = await new Promise<number | null>(resolve => child.on('close', resolve));
	return {code, stderr};
}

/** `status -o json --repo <work tree>`, parsed, with the exit code. */
export async function statusJson(scenario: Scenario, extra: string[] = []): Promise<{code: number; document: StatusDocument; stderr: string; stdout: string}> {
	const run = await gitopsTui(scenario, ['status', '-o', 'json', '--repo', scenario.repo.dir, ...extra]);
	let document: StatusDocument;
	try {
		document = JSON.parse(run.stdout) as StatusDocument;
	} catch {
		throw new Error(`status -o json did not print JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
	}

	return {code: run.code, document, stderr: run.stderr, stdout: run.stdout};
}

/** The objects `gitops-tui diff APP` calls different (Drifted, Missing, Extra), as `Kind namespace/name`. */
export async function gitopsDiffSet(scenario: Scenario, app: string, extra: string[] = []): Promise<{run: Run; objects: string[]}> {
	const run = await gitopsTui(scenario, ['diff', app, '--repo', scenario.repo.dir, ...extra]);
	const objects = [...run.stdout.matchAll(/^# (\S+) (\S+) \([^)]*\): (Drifted|Missing|Extra)/gm)].map(match => `${match[1]} ${match[2]}`);
	return {run, objects: objects.sort()};
}

/** The objects whose differences ignore rules hid (`Synced (differences hidden by ignore rules)`). */
export function ignoredObjects(diffOutput: string): string[] {
	return [...diffOutput.matchAll(/^# (\S+) (\S+) \([^)]*\): Synced \(differences hidden/gm)].map(match => `${match[1]} ${match[2]}`).sort();
}

/**
 * The objects `kubectl diff --server-side --force-conflicts` reports for an app's manifests (as its controller
 * applies them, with its field manager), pruning included: `--prune` with the app's label selector finds what
 * the app has live that Git no longer has.
 */
export async function kubectlDiffSet(scenario: Scenario, app: ScenarioApp): Promise<{run: Run; objects: string[]}> {
	const run = await scenario.kubectl([
		'diff',
		'--server-side',
		'--force-conflicts',
		`--field-manager=${app.fieldManager}`,
		'-f',
		scenario.appliedManifests(app),
		...(app.namespace ? ['-n', app.namespace] : []),
		'--prune',
		'-l',
		app.pruneSelector,
		// kubectl's default allowlist names kinds the sandbox does not serve (Endpoints...), which fails pruning.
		...pruneAllowlist.map(kind => `--prune-allowlist=${kind}`),
	]);
	if (run.code > 1) throw new Error(`kubectl diff failed for ${app.name} (exit ${run.code}): ${run.stderr}`);
	return {run, objects: kubectlDiffObjects(run.stdout)};
}

/** The kinds the scenarios' apps have. */
const pruneAllowlist = ['core/v1/ConfigMap', 'core/v1/Secret', 'core/v1/Service', 'apps/v1/Deployment'];

/** Reads `diff -u -N <dir>/<file> <dir>/<file>` lines; files are `[group.]version.Kind.namespace.name`. */
export function kubectlDiffObjects(output: string): string[] {
	const objects = [...output.matchAll(/^diff -u -N \S*\/([^/\s]+) \S+$/gm)].map(match => {
		const parts = match[1]!.split('.');
		const name = parts.pop()!;
		const namespace = parts.pop()!;
		const kind = parts.pop()!;
		return namespace ? `${kind} ${namespace}/${name}` : `${kind} ${name}`;
	});
	return [...new Set(objects)].sort();
}

/** The scenario app by name. */
export function scenarioApp(name: ScenarioApp['name']): ScenarioApp {
	return scenarioApps.find(app => app.name === name)!;
}

/**
 * Compares, for every app, the objects `gitops-tui diff` calls different with those kubectl diff reports.
 * Objects whose only differences ignore rules hide are reported by kubectl (it knows no ignore rules) and shown
 * by gitops-tui as hidden, so they count on our side too. Returns both sets per app.
 */
export async function diffSetsPerApp(
	scenario: Scenario,
	apps: ReadonlyArray<ScenarioApp['name']> = ['web', 'api', 'worker'],
): Promise<Record<string, {ours: string[]; hidden: string[]; kubectl: string[]; code: number}>> {
	const result: Record<string, {ours: string[]; hidden: string[]; kubectl: string[]; code: number}> = {};
	for (const name of apps) {
		const ours = await gitopsDiffSet(scenario, name);
		const theirs = await kubectlDiffSet(scenario, scenarioApp(name));
		result[name] = {ours: ours.objects, hidden: ignoredObjects(ours.run.stdout), kubectl: theirs.objects, code: ours.run.code};
	}

	return result;
}
