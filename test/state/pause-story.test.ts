import {describe, expect, it} from 'vitest';
import {parseDuration, splitPauseArguments} from '../../source/state/duration.js';
import {clockTime, pauseNotices, pauseStory, span} from '../../source/state/pause-story.js';
import {seededApps} from '../support/tui-snapshot.js';

// Midday UTC: "today" is the same day in every time zone from -11 to +11 for the times below.
const now = new Date('2026-11-22T12:00:00Z');
const iso = (ms: number) => new Date(now.getTime() + ms).toISOString();
const hour = 3_600_000;

describe('pause durations', () => {
	it('reads what operators type', () => {
		expect(parseDuration('2h')).toBe(2 * hour);
		expect(parseDuration('for 30m')).toBe(30 * 60_000);
		expect(parseDuration('1h30m')).toBe(90 * 60_000);
		expect(parseDuration('1d')).toBe(24 * hour);
		expect(parseDuration('soon')).toBeUndefined();
		expect(parseDuration('0m')).toBeUndefined();
		expect(parseDuration('2 h')).toBeUndefined();
	});

	it('splits a trailing "for DURATION" off the reason, and only a real duration', () => {
		expect(splitPauseArguments('deploy freeze for 2h')).toEqual({reason: 'deploy freeze', forMs: 2 * hour});
		expect(splitPauseArguments('waiting for dba')).toEqual({reason: 'waiting for dba'});
	});
});

describe('the story of a pause', () => {
	it('says who, how long ago, until when (in the operator’s clock) and why', () => {
		const until = iso(40 * 60_000);
		const story = pauseStory({autoSync: {enabled: false, pausedBy: 'alice', reason: 'incident 42', since: iso(-2 * hour), until}}, now);
		expect(story).toEqual({text: `auto-sync paused by alice 2h ago — until ${clockTime(new Date(until), now)}, in 40m: incident 42`, expired: false});
		expect(clockTime(new Date(until), now)).toBe(new Date(until).toTimeString().slice(0, 5));
	});

	it('flags a pause whose end has passed while auto-sync is still off', () => {
		const story = pauseStory({autoSync: {enabled: false, pausedBy: 'bob', reason: 'freeze', since: iso(-3 * hour), until: iso(-10 * 60_000)}}, now);
		expect(story?.expired).toBe(true);
		expect(story?.text).toMatch(/passed 10m ago, still paused: freeze$/);
	});

	it('tells a rollback from its pause reason', () => {
		const story = pauseStory({autoSync: {enabled: false, pausedBy: 'alice', reason: 'rollback to 0123456789abcdef', since: iso(-5 * 60_000)}}, now);
		expect(story).toEqual({text: 'rolled back to 0123456, auto-sync paused by alice 5m ago', expired: false, rolledBackTo: '0123456789abcdef'});
	});

	it('has nothing to say when auto-sync is on, or simply off (no one paused it)', () => {
		expect(pauseStory({autoSync: {enabled: true}}, now)).toBeUndefined();
		expect(pauseStory({autoSync: {enabled: false}}, now)).toBeUndefined();
	});

	it('counts time coarsely, as people say it', () => {
		expect(span(45_000)).toBe('45s');
		expect(span(40 * 60_000)).toBe('40m');
		expect(span(90 * 60_000)).toBe('1h30m');
		expect(span(26 * hour)).toBe('1d');
	});

	it('gathers fleet-wide reminders: rollbacks still paused, and pauses that ran out', () => {
		const apps = seededApps.map(app =>
			app.name === 'shop' && app.context === 'prod-eu'
				? {...app, autoSync: {enabled: false, pausedBy: 'alice', reason: 'rollback to abcdef0123', since: iso(-hour)}}
				: app.name === 'billing'
					? {...app, autoSync: {...app.autoSync, until: iso(-hour)}}
					: app,
		);
		expect(pauseNotices(apps, now)).toEqual(['shop@prod-eu rolled back to abcdef0: auto-sync paused until resumed', 'pause ran out: billing@staging']);
		expect(pauseNotices(seededApps, now)).toEqual([]);
	});
});
