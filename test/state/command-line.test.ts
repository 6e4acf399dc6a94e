import {describe, expect, it} from 'vitest';
import {parseCommandLine} from '../../source/state/command-line.js';

describe(':command line', () => {
	it('parses the commands operators type', () => {
		expect(parseCommandLine('ctx prod-eu')).toEqual({kind: 'context', name: 'prod-eu'});
		expect(parseCommandLine(':ctx all')).toEqual({kind: 'context', name: undefined});
		expect(parseCommandLine('app shop')).toEqual({kind: 'app', name: 'shop'});
		expect(parseCommandLine('q')).toEqual({kind: 'quit'});
		expect(parseCommandLine('outage on')).toEqual({kind: 'outage', on: true});
		expect(parseCommandLine('help')).toEqual({kind: 'help'});
	});

	it('explains what is wrong with a bad command', () => {
		expect(parseCommandLine('ctx')).toMatchObject({kind: 'invalid', message: expect.stringContaining('usage')});
		expect(parseCommandLine('frobnicate')).toMatchObject({kind: 'invalid', message: expect.stringContaining(':ctx')});
	});
});

describe(':action commands', () => {
	it('parses reconcile, pause with reason and duration, resume and rollback', () => {
		expect(parseCommandLine('reconcile')).toEqual({kind: 'reconcile', withSource: false});
		expect(parseCommandLine(':reconcile source')).toEqual({kind: 'reconcile', withSource: true});
		expect(parseCommandLine('pause incident 7 for 2h')).toEqual({kind: 'pause', reason: 'incident 7', forMs: 7_200_000});
		expect(parseCommandLine('pause')).toEqual({kind: 'pause'});
		expect(parseCommandLine('resume')).toEqual({kind: 'resume'});
		expect(parseCommandLine('rollback')).toEqual({kind: 'rollback'});
		expect(parseCommandLine('rollback abc1234')).toEqual({kind: 'rollback', revision: 'abc1234'});
	});

	it('explains bad arguments', () => {
		expect(parseCommandLine('rollback HEAD~1')).toMatchObject({kind: 'invalid', message: expect.stringContaining(':rollback [SHA]')});
		expect(parseCommandLine('reconcile everything')).toMatchObject({kind: 'invalid'});
		expect(parseCommandLine('frobnicate')).toMatchObject({kind: 'invalid', message: expect.stringContaining(':pause REASON')});
	});
});
