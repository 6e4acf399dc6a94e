/**
 * Parses one kubeconfig file's text into typed entries, resolving relative paths against the file's
 * directory as kubectl does. Every error names the file and the entry at fault.
 */
import path from 'node:path';
import {load} from 'js-yaml';
import {failed, succeeded, type ClusterResult} from './failure.js';
import type {ExecConfig, KubeconfigCluster, KubeconfigContext, KubeconfigFile, KubeconfigUser} from './kubeconfig-types.js';

type Raw = Record<string, unknown>;

/** Thrown inside the parser only; parseKubeconfig turns it into a failure naming the file. */
class EntryError extends Error {}

/** Parses `text` read from `file` (an absolute path). */
export function parseKubeconfig(file: string, text: string): ClusterResult<KubeconfigFile> {
	// An empty file is a valid, empty kubeconfig (kubectl accepts it too); js-yaml 5 refuses empty input.
	if (text.split('\n').every(line => line.trim() === '' || line.trimStart().startsWith('#'))) return succeeded({file, clusters: [], users: [], contexts: []});
	let document: unknown;
	try {
		document = load(text, {filename: file});
	} catch (error) {
		return failed('kubeconfig', `kubeconfig ${file}: not valid YAML: ${(error as Error).message.split('\n')[0]}`, {file});
	}

	if (document === undefined || document === null) return succeeded({file, clusters: [], users: [], contexts: []});
	if (typeof document !== 'object' || Array.isArray(document)) {
		return failed('kubeconfig', `kubeconfig ${file}: expected a mapping with clusters, users and contexts`, {file});
	}

	const raw = document as Raw;
	const directory = path.dirname(file);
	try {
		const currentContext = optionalString(raw['current-context'], 'current-context');
		return succeeded({
			file,
			...(currentContext ? {currentContext} : {}),
			clusters: entries(raw, 'clusters', 'cluster').map(([name, body, where]) => parseCluster(name, body, where, directory, file)),
			users: entries(raw, 'users', 'user').map(([name, body, where]) => parseUser(name, body, where, directory, file)),
			contexts: entries(raw, 'contexts', 'context').map(([name, body, where]) => parseContext(name, body, where, file)),
		});
	} catch (error) {
		if (error instanceof EntryError) return failed('kubeconfig', `kubeconfig ${file}: ${error.message}`, {file});
		throw error;
	}
}

/** `[{name, cluster: {...}}]` lists: each entry's name, body and a label like `clusters[1] "prod"` for errors. */
function entries(raw: Raw, list: string, body: string): Array<[string, Raw, string]> {
	const value = raw[list];
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) throw new EntryError(`${list} must be a list`);
	return value.map((item: unknown, index) => {
		if (!isRecord(item)) throw new EntryError(`${list}[${index}] must be a mapping`);
		const name = item['name'];
		if (typeof name !== 'string' || name === '') throw new EntryError(`${list}[${index}].name is missing`);
		const where = `${list}[${index}] "${name}"`;
		const inner = item[body] ?? {};
		if (!isRecord(inner)) throw new EntryError(`${where}: ${body} must be a mapping`);
		return [name, inner, where];
	});
}

function parseCluster(name: string, raw: Raw, where: string, directory: string, file: string): KubeconfigCluster {
	const server = optionalString(raw['server'], `${where}: server`);
	if (!server) throw new EntryError(`${where}: server is missing`);
	try {
		const url = new URL(server);
		if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
	} catch {
		throw new EntryError(`${where}: server ${JSON.stringify(server)} is not an http(s) URL`);
	}

	const cluster: KubeconfigCluster = {
		name,
		// A trailing slash would double up with every API path.
		server: server.replace(/\/+$/, ''),
		insecureSkipTlsVerify: raw['insecure-skip-tls-verify'] === true,
		file,
	};
	setIf(cluster, 'certificateAuthority', resolvePath(directory, optionalString(raw['certificate-authority'], `${where}: certificate-authority`)));
	setIf(cluster, 'certificateAuthorityData', optionalString(raw['certificate-authority-data'], `${where}: certificate-authority-data`));
	setIf(cluster, 'tlsServerName', optionalString(raw['tls-server-name'], `${where}: tls-server-name`));
	setIf(cluster, 'proxyUrl', optionalString(raw['proxy-url'], `${where}: proxy-url`));
	return cluster;
}

function parseUser(name: string, raw: Raw, where: string, directory: string, file: string): KubeconfigUser {
	const user: KubeconfigUser = {name, file};
	setIf(user, 'token', optionalString(raw['token'], `${where}: token`));
	setIf(user, 'tokenFile', resolvePath(directory, optionalString(raw['tokenFile'] ?? raw['token-file'], `${where}: tokenFile`)));
	setIf(user, 'username', optionalString(raw['username'], `${where}: username`));
	setIf(user, 'password', optionalString(raw['password'], `${where}: password`));
	setIf(user, 'clientCertificate', resolvePath(directory, optionalString(raw['client-certificate'], `${where}: client-certificate`)));
	setIf(user, 'clientCertificateData', optionalString(raw['client-certificate-data'], `${where}: client-certificate-data`));
	setIf(user, 'clientKey', resolvePath(directory, optionalString(raw['client-key'], `${where}: client-key`)));
	setIf(user, 'clientKeyData', optionalString(raw['client-key-data'], `${where}: client-key-data`));
	setIf(user, 'impersonate', optionalString(raw['as'], `${where}: as`));
	const groups = raw['as-groups'];
	if (Array.isArray(groups)) user.impersonateGroups = groups.map(String);
	const provider = raw['auth-provider'];
	if (isRecord(provider)) user.authProvider = String(provider['name'] ?? 'unnamed');
	if (raw['exec'] !== undefined && raw['exec'] !== null) user.exec = parseExec(raw['exec'], where, directory);
	return user;
}

function parseExec(value: unknown, where: string, directory: string): ExecConfig {
	if (!isRecord(value)) throw new EntryError(`${where}: exec must be a mapping`);
	const command = optionalString(value['command'], `${where}: exec.command`);
	if (!command) throw new EntryError(`${where}: exec.command is missing`);
	const apiVersion = optionalString(value['apiVersion'], `${where}: exec.apiVersion`);
	if (!apiVersion) throw new EntryError(`${where}: exec.apiVersion is missing`);
	const args = value['args'] ?? [];
	if (!Array.isArray(args)) throw new EntryError(`${where}: exec.args must be a list`);
	const env = value['env'] ?? [];
	if (!Array.isArray(env)) throw new EntryError(`${where}: exec.env must be a list`);
	const mode = value['interactiveMode'] ?? 'IfAvailable';
	if (mode !== 'Never' && mode !== 'IfAvailable' && mode !== 'Always') {
		throw new EntryError(`${where}: exec.interactiveMode must be Never, IfAvailable or Always`);
	}

	const exec: ExecConfig = {
		// kubectl resolves a relative command only when it contains a path separator; bare names go through PATH.
		command: command.includes('/') ? resolvePath(directory, command)! : command,
		args: args.map(String),
		env: env.map((entry: unknown, index) => {
			if (!isRecord(entry) || typeof entry['name'] !== 'string') throw new EntryError(`${where}: exec.env[${index}].name is missing`);
			return {name: entry['name'], value: String(entry['value'] ?? '')};
		}),
		apiVersion,
		provideClusterInfo: value['provideClusterInfo'] === true,
		interactiveMode: mode,
	};
	setIf(exec, 'installHint', optionalString(value['installHint'], `${where}: exec.installHint`));
	return exec;
}

function parseContext(name: string, raw: Raw, where: string, file: string): KubeconfigContext {
	const cluster = optionalString(raw['cluster'], `${where}: cluster`);
	if (!cluster) throw new EntryError(`${where}: cluster is missing`);
	const context: KubeconfigContext = {name, cluster, user: optionalString(raw['user'], `${where}: user`) ?? '', file};
	setIf(context, 'namespace', optionalString(raw['namespace'], `${where}: namespace`));
	return context;
}

function optionalString(value: unknown, what: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value !== 'string') throw new EntryError(`${what} must be a string`);
	return value;
}

function resolvePath(directory: string, value: string | undefined): string | undefined {
	if (value === undefined) return undefined;
	return path.isAbsolute(value) ? value : path.resolve(directory, value);
}

function setIf<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
	if (value !== undefined) target[key] = value;
}

function isRecord(value: unknown): value is Raw {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
