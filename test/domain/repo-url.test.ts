import {describe, expect, it} from 'vitest';
import {normaliseRepoUrl, redactCredentials, sameRepoUrl} from '../../source/domain/repo-url.js';

describe('normaliseRepoUrl', () => {
	it.each([
		'https://github.com/org/repo',
		'https://github.com/org/repo.git',
		'https://github.com/org/repo.git/',
		'http://github.com/org/repo/',
		'https://user:token@github.com/org/repo.git',
		'https://github.com:443/org/repo',
		'ssh://git@github.com/org/repo.git',
		'ssh://git@github.com:22/org/repo',
		'git+ssh://git@github.com/org/repo.git',
		'git://github.com/org/repo',
		'git@github.com:org/repo',
		'git@github.com:org/repo.git',
		'github.com:org/repo.git',
		'HTTPS://GitHub.com/Org/Repo.git',
		'https://github.com/org/repo.git?ref=main#frag',
	])('%s is github.com/org/repo', url => {
		expect(normaliseRepoUrl(url)).toBe('github.com/org/repo');
	});

	it('keeps path case on hosts whose paths are case-sensitive, but lower-cases the host', () => {
		expect(normaliseRepoUrl('https://Git.Example.com/Team/Config.git')).toBe('git.example.com/Team/Config');
		expect(sameRepoUrl('https://git.example.com/Team/Config', 'https://git.example.com/team/config')).toBe(false);
	});

	it('matches ssh on a custom port with https of the same server', () => {
		expect(sameRepoUrl('ssh://git@gitea.internal:2222/platform/fleet.git', 'https://gitea.internal/platform/fleet')).toBe(true);
	});

	it('maps the Azure DevOps ssh form onto the https form', () => {
		expect(sameRepoUrl('git@ssh.dev.azure.com:v3/acme/infra/fleet', 'https://acme@dev.azure.com/acme/infra/_git/fleet')).toBe(true);
	});

	it('treats file URLs and absolute paths as the same local repository', () => {
		expect(normaliseRepoUrl('file:///srv/git/fleet.git')).toBe('/srv/git/fleet');
		expect(sameRepoUrl('file:///srv/git/fleet.git', '/srv/git/fleet')).toBe(true);
		expect(normaliseRepoUrl('file://localhost/srv/git/fleet')).toBe('/srv/git/fleet');
	});

	it('tells different repositories apart', () => {
		expect(sameRepoUrl('https://github.com/org/repo', 'https://github.com/org/repo2')).toBe(false);
		expect(sameRepoUrl('https://github.com/org/repo', 'https://gitlab.com/org/repo')).toBe(false);
	});

	it('leaves unrecognisable input trimmed but otherwise alone', () => {
		expect(normaliseRepoUrl('  not a url  ')).toBe('not a url');
		expect(normaliseRepoUrl('')).toBe('');
	});
});

describe('redactCredentials', () => {
	it('hides tokens and passwords in http(s) URLs inside any text', () => {
		expect(redactCredentials("unable to access 'https://x-access-token:ghp_CANARY@github.com/o/r.git/'")).toBe(
			"unable to access 'https://***@github.com/o/r.git/'",
		);
		expect(redactCredentials('https://ghp_CANARY@github.com/o/r')).toBe('https://***@github.com/o/r');
	});

	it('keeps ssh user names but hides passwords', () => {
		expect(redactCredentials('ssh://git@github.com/o/r')).toBe('ssh://git@github.com/o/r');
		expect(redactCredentials('ssh://deploy:CANARY@host/o/r')).toBe('ssh://deploy:***@host/o/r');
		expect(redactCredentials('git@github.com:o/r.git')).toBe('git@github.com:o/r.git');
	});

	it('leaves URLs without credentials alone', () => {
		expect(redactCredentials('see https://github.com/o/r and http://a/b')).toBe('see https://github.com/o/r and http://a/b');
	});
});
