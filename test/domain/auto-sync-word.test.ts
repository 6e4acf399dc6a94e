/**
 * One word for auto-sync, in the TUI's AUTO column and the status table alike.
 */
import {describe, expect, it} from 'vitest';
import {autoSyncWord} from '../../source/domain/auto-sync-word.js';

describe('the auto-sync word', () => {
	it('says on, paused when someone paused it, off for a Flux or Argo CD app without auto-sync, and - for a plain app', () => {
		expect(autoSyncWord({engine: 'argo', autoSync: {enabled: true}})).toBe('on');
		expect(autoSyncWord({engine: 'flux', autoSync: {enabled: false, pausedBy: 'alice', reason: 'incident 42'}})).toBe('paused');
		expect(autoSyncWord({engine: 'plain', autoSync: {enabled: false, since: '2026-12-05T00:00:00Z'}})).toBe('paused');
		// An Argo CD app with a manual sync policy has nothing paused: it never synced by itself.
		expect(autoSyncWord({engine: 'argo', autoSync: {enabled: false}})).toBe('off');
		expect(autoSyncWord({engine: 'plain', autoSync: {enabled: false}})).toBe('-');
	});
});
