import {describe, expect, it} from 'vitest';
import type {ContextView} from '../../source/state/fleet-snapshot.js';
import {contextChips} from '../../source/ui/context-strip.js';

const ready = (name: string): ContextView => ({name, state: 'ready'});

describe('the header’s contexts', () => {
	it('lists every context when they fit', () => {
		const chips = contextChips({contexts: [ready('prod-eu'), {name: 'staging', state: 'unreachable'}], width: 60, glyphWidth: 1});
		expect(chips.map(c => c.text)).toEqual(['prod-eu', 'staging (unreachable)']);
	});

	it('keeps troubled contexts by name and counts the ready ones when many do not fit', () => {
		const contexts = [...Array.from({length: 12}, (_, i) => ready(`production-cluster-${i}`)), {name: 'eu-west', state: 'timed-out' as const}];
		const chips = contextChips({contexts, width: 60, glyphWidth: 1});
		expect(chips.map(c => c.text)).toEqual(['eu-west (timed-out)', '12 ready']);
		const used = chips.reduce((sum, c) => sum + 1 + 1 + c.text.length + 2, 0);
		expect(used).toBeLessThanOrEqual(60);
	});

	it('says how many troubled contexts it could not name', () => {
		const contexts = Array.from({length: 8}, (_, i) => ({name: `very-long-context-name-${i}`, state: 'unreachable' as const}));
		const chips = contextChips({contexts, width: 70, glyphWidth: 1});
		expect(chips.at(-1)!.text).toMatch(/^\+\d+ more$/);
		expect(chips.some(c => c.text === '0 ready')).toBe(true);
	});
});
