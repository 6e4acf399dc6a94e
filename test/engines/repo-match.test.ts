import {describe, expect, it} from 'vitest';
import {createRepoMatcher} from '../../source/engines/repo-match.js';

describe('matching a source URL to the loaded repository', () => {
	it('matches https, ssh and scp-like forms, with or without .git, through a local checkout\'s remotes', () => {
		const matches = createRepoMatcher({dir: '/home/op/src/config', remoteUrls: ['git@github.com:Example/Config.git', 'https://mirror.example.com/config']});
		for (const url of [
			'https://github.com/example/config',
			'https://github.com/example/config.git',
			'ssh://git@github.com/example/config',
			'ssh://git@github.com:22/Example/Config.git',
			'git@github.com:example/config',
			'https://mirror.example.com/config.git/',
			'/home/op/src/config',
			'file:///home/op/src/config/.git',
		]) {
			expect(matches(url), url).toBe(true);
		}

		for (const url of ['https://github.com/example/config-staging', 'https://gitlab.com/example/config', '', 'https://mirror.example.com/Config']) {
			expect(matches(url), url).toBe(false);
		}
	});

	it('matches a cloned URL itself', () => {
		const matches = createRepoMatcher({url: 'https://git.example.com/org/config.git', dir: '/cache/repos/x', remoteUrls: ['https://git.example.com/org/config.git']});
		expect(matches('ssh://git@git.example.com/org/config')).toBe(true);
	});

	it('matches nothing without a repository', () => {
		expect(createRepoMatcher(undefined)('https://github.com/example/config')).toBe(false);
	});
});
