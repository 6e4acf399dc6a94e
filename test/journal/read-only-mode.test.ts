import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {recordReadOnlyModes} from '../../source/journal/read-only-mode.js';
import type {Journal} from '../../source/journal/journal-types.js';
import {record, tempJournal} from './journal-helpers.js';

let journal: Journal;
let cleanup: () => void;
beforeEach(() => ({journal, cleanup} = tempJournal()));
afterEach(() => cleanup());

const modes = (eu: boolean, us: boolean) => [
	{context: 'prod-eu', readOnly: eu, actor: 'ops-eu', ...(eu ? {reason: 'prod-eu is in readOnlyContexts of config.yaml'} : {})},
	{context: 'prod-us', readOnly: us, actor: 'ops-us', ...(us ? {reason: '--read-only'} : {})},
];

describe('recordReadOnlyModes', () => {
	it('records the first read-only run, nothing while the mode stays, and each change back and forth', async () => {
		expect(await recordReadOnlyModes(journal, modes(false, false))).toEqual([]);
		const first = await recordReadOnlyModes(journal, modes(true, false), {command: 'tui'});
		expect(first).toEqual([expect.objectContaining({context: 'prod-eu', action: 'read-only-on', actor: 'ops-eu', parameters: {command: 'tui', reason: 'prod-eu is in readOnlyContexts of config.yaml'}, outcome: {status: 'done'}, objects: []})]);
		expect(await recordReadOnlyModes(journal, modes(true, false))).toEqual([]);
		// Other entries in between do not reset what was last journaled.
		await journal.append(record(1, {context: 'prod-eu'}));
		const changed = await recordReadOnlyModes(journal, modes(false, true));
		expect(changed.map(entry => `${entry.context} ${entry.action}`)).toEqual(['prod-eu read-only-off', 'prod-us read-only-on']);
		expect((await journal.verify()).ok).toBe(true);
		expect((await journal.read()).map(entry => entry.action)).toEqual(['read-only-on', 'reconcile', 'read-only-off', 'read-only-on']);
	});
});
