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
