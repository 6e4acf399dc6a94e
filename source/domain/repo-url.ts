/**
 * Git remote URLs in a comparable form. A Flux GitRepository may say `ssh://git@github.com/org/repo`, an
 * Argo CD Application `https://github.com/org/repo.git`, and the operator's clone `git@github.com:org/repo`:
 * all three are the same repository.
 */

/** Hosts whose repository paths are case-insensitive, so `Org/Repo` and `org/repo` are one repository. */
const caseInsensitiveHosts = new Set(['github.com', 'gitlab.com', 'bitbucket.org', 'dev.azure.com']);

/**
 * Normalises a git URL to `host/path` (or an absolute path for local repositories): scheme, user,
 * password, port, query, trailing slashes and a trailing `.git` are dropped; the host is lower-cased.
 * Ports are dropped on purpose: the same server commonly serves ssh on one port and https on another.
 * Returns the trimmed input unchanged when it is not recognisably a URL or path.
 */
export function normaliseRepoUrl(url: string): string {
	const input = url.trim();
	const parsed = parseRemote(input);
	if (!parsed) return input;
	const repoPath = stripGitSuffix(parsed.path);
	if (parsed.host === undefined) return repoPath;
	let host = parsed.host.toLowerCase();
	let pathPart = repoPath.replace(/^\/+/, '');
	// Azure DevOps spells the same repository differently over ssh: ssh.dev.azure.com:v3/org/project/repo.
	if (host === 'ssh.dev.azure.com' && pathPart.startsWith('v3/')) {
		const [org, project, repo] = pathPart.slice(3).split('/');
		host = 'dev.azure.com';
		pathPart = `${org}/${project}/_git/${repo}`;
	}
	if (caseInsensitiveHosts.has(host)) pathPart = pathPart.toLowerCase();
	return `${host}/${pathPart}`;
}

/** True when two git URLs name the same repository (see normaliseRepoUrl). */
export function sameRepoUrl(a: string, b: string): boolean {
	return normaliseRepoUrl(a) === normaliseRepoUrl(b);
}

/**
 * Hides credentials embedded in URLs anywhere in a text (a message, a remote URL): over http(s) the
 * whole user part goes (a token is often the user name), elsewhere only a password. `git@host` stays.
 */
export function redactCredentials(text: string): string {
	return text.replace(/\b([a-z][a-z0-9+.-]*):\/\/([^/\s@'"]+)@/gi, (match, scheme: string, userinfo: string) => {
		if (/^https?$/i.test(scheme)) return `${scheme}://***@`;
		const colon = userinfo.indexOf(':');
		return colon === -1 ? match : `${scheme}://${userinfo.slice(0, colon)}:***@`;
	});
}

type ParsedRemote = {host?: string; path: string};

function parseRemote(input: string): ParsedRemote | undefined {
	if (input === '') return undefined;
	const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(input);
	if (scheme) {
		const rest = input.slice(scheme[0].length).replace(/[?#].*$/, '');
		if (scheme[1]!.toLowerCase() === 'file') return {path: decodePath(rest.replace(/^[^/]*/, ''))};
		const slash = rest.indexOf('/');
		const authority = slash === -1 ? rest : rest.slice(0, slash);
		const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
		const host = hostPort.startsWith('[') ? hostPort.slice(0, hostPort.indexOf(']') + 1) : hostPort.replace(/:\d*$/, '');
		return {host, path: decodePath(slash === -1 ? '' : rest.slice(slash))};
	}
	if (input.startsWith('/') || input.startsWith('./') || input.startsWith('../')) return {path: input};
	// scp-like: [user@]host:path, where no slash comes before the first colon.
	const scp = /^(?:[^@/:]+@)?([^/:]+):(.+)$/.exec(input);
	if (scp) return {host: scp[1], path: scp[2]!};
	return undefined;
}

function stripGitSuffix(repoPath: string): string {
	return repoPath.replace(/\/+$/, '').replace(/\.git$/, '').replace(/\/+$/, '');
}

function decodePath(text: string): string {
	try {
		return decodeURIComponent(text);
	} catch {
		return text;
	}
}
