/**
 * `gitops-tui contexts [-o table|json]`: every selected context with its server, user, namespace, whether
 * it is the current one, reachability (and why not), server version and who we are there. All contexts
 * are probed at once with independent timeouts, so a dead one costs one request timeout, not a queue.
 * Exit 0 when all are reachable, 1 when any is not, 2 for a bad kubeconfig or bad flags.
 */
import os from 'node:os';
import type {ClusterFailure} from '../cluster/failure.js';
import {openContexts} from '../cluster/open-contexts.js';
import {probeContext} from '../cluster/probe.js';
import {parseRequestTimeout} from '../cluster/request-timeout.js';
import {nodeRuntime} from '../cluster/runtime.js';
import type {Command, CommandInput} from './command.js';
import {contextRequestOf, resolveUserSettings} from './user-settings-session.js';

/** One row, as `-o json` prints it. */
export type ContextReport = {
	name: string;
	current: boolean;
	server?: string;
	user?: string;
	namespace?: string;
	reachable: boolean;
	state: string;
	error?: {kind: string; message: string};
	version?: string;
	whoami?: {username: string; groups: string[]; source: 'server' | 'kubeconfig'};
};

export const contextsCommand: Command = {
	name: 'contexts',
	summary: 'List kubeconfig contexts with reachability, server version and identity',
	run: runContexts,
};

async function runContexts({flags, io}: CommandInput): Promise<number> {
	const output = String(flags['output'] ?? 'table');
	if (output !== 'table' && output !== 'json') {
		io.stderr.write(`gitops-tui contexts: -o ${output} is not supported (table, json)\n`);
		return 2;
	}

	const timeout = parseRequestTimeout(flags['requestTimeout']);
	if (!timeout.ok) {
		io.stderr.write(`gitops-tui contexts: ${timeout.message}\n`);
		return 2;
	}

	const runtime = nodeRuntime(io.env);
	const home = io.env['HOME'] ?? os.homedir();
	const user = await resolveUserSettings({env: io.env, home, readFile: runtime.readFile, flags});
	if (user.problem) io.stderr.write(`gitops-tui contexts: ${user.problem}\n`);
	const opened = await openContexts(
		{
			...(typeof flags['kubeconfig'] === 'string' ? {explicitFile: flags['kubeconfig']} : {}),
			...(io.env['KUBECONFIG'] === undefined ? {} : {kubeconfigEnv: io.env['KUBECONFIG']}),
			homeDir: home,
			cwd: io.cwd,
		},
		contextRequestOf(flags, user.settings),
		{runtime, timeoutMs: timeout.ms, readOnly: user.readOnly, readOnlyContexts: user.settings.readOnlyContexts},
	);
	if (!opened.ok) {
		io.stderr.write(`gitops-tui contexts: ${opened.error.message}\n`);
		return 2;
	}

	try {
		const reports = await Promise.all(
			opened.value.contexts.map(async ({name, client}): Promise<ContextReport> => {
				if (!client.ok) return {name, current: opened.value.kubeconfig.currentContext?.name === name, reachable: false, state: 'invalid', error: errorOf(client.error)};
				const {context} = client.value;
				const probe = await probeContext(client.value, runtime.now);
				const report: ContextReport = {
					name,
					current: context.current,
					server: context.cluster.server,
					user: context.user.name,
					namespace: context.namespace,
					reachable: probe.reachable,
					state: probe.connection.phase,
				};
				if (probe.error) report.error = errorOf(probe.error);
				if (probe.version) report.version = probe.version;
				if (probe.identity) report.whoami = probe.identity;
				return report;
			}),
		);
		io.stdout.write(output === 'json' ? `${JSON.stringify({apiVersion: 'gitops-tui/v1', kind: 'ContextList', contexts: reports}, null, 2)}\n` : formatTable(reports));
		if (reports.some(report => report.state === 'invalid')) return 2;
		return reports.every(report => report.reachable) ? 0 : 1;
	} finally {
		opened.value.close();
	}
}

function errorOf(failure: ClusterFailure): {kind: string; message: string} {
	return {kind: failure.kind, message: failure.message};
}

/** A kubectl-style table: upper-case headers, columns padded to their widest cell. */
function formatTable(reports: ContextReport[]): string {
	const header = ['CONTEXT', 'CURRENT', 'SERVER', 'USER', 'NAMESPACE', 'REACHABLE', 'VERSION', 'WHOAMI'];
	const rows = reports.map(report => [
		report.name,
		report.current ? '*' : '',
		report.server ?? '',
		report.user ?? '',
		report.namespace ?? '',
		report.reachable ? 'yes' : `no (${report.error ? `${report.error.kind}: ${truncate(report.error.message, 80)}` : report.state})`,
		report.version ?? '',
		report.whoami ? `${report.whoami.username}${report.whoami.source === 'kubeconfig' ? ' (kubeconfig)' : ''}` : '',
	]);
	const widths = header.map((title, column) => Math.max(title.length, ...rows.map(row => row[column]!.length)));
	const line = (cells: string[]) => `${cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()}\n`;
	return line(header) + rows.map(row => line(row)).join('');
}

function truncate(text: string, max: number): string {
	const flat = text.replaceAll(/\s+/g, ' ');
	return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}
