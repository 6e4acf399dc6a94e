import {describe, expect, it} from 'vitest';
import {createRepoState, emptyGitState, type GitState} from '../../source/repo/repo-state.js';

describe('createRepoState', () => {
	it('starts empty, merges changes and tells subscribers', () => {
		const store = createRepoState();
		expect(store.get()).toEqual(emptyGitState());
		const seen: GitState[] = [];
		store.subscribe(state => seen.push(state));
		store.update({head: 'abc', branch: 'main'});
		expect(store.get()).toMatchObject({head: 'abc', branch: 'main', remotes: []});
		expect(seen).toHaveLength(1);
	});

	it('stays quiet when nothing changed, including equal remotes and errors', () => {
		const store = createRepoState({remotes: [{name: 'origin', url: 'u'}], lastError: {kind: 'timeout', message: 'm', time: 't'}});
		let calls = 0;
		store.subscribe(() => calls++);
		store.update({remotes: [{name: 'origin', url: 'u'}], lastError: {kind: 'timeout', message: 'm', time: 't'}});
		expect(calls).toBe(0);
		store.update({remotes: [{name: 'origin', url: 'v'}]});
		expect(calls).toBe(1);
	});

	it('unsubscribes, and a throwing listener does not stop the others', () => {
		const store = createRepoState();
		let heard = 0;
		store.subscribe(() => {
			throw new Error('broken subscriber');
		});
		const unsubscribe = store.subscribe(() => heard++);
		store.update({fetching: true});
		unsubscribe();
		store.update({fetching: false});
		expect(heard).toBe(1);
	});
});
