/**
 * The sandbox's request log counts the requests it serves at once, per method: what tests read to prove a client's
 * concurrency bound. A request answered twice (its response closed after an error reply) counts once; clearing starts
 * the peak again from the requests still being served.
 */
import {describe, expect, it} from 'vitest';
import {createRequestLog} from '../../source/sandbox/request-log.js';

describe('request log: requests in flight', () => {
	it('keeps the most served at once, per method and in all', () => {
		const log = createRequestLog();
		const patches = [log.begin('PATCH'), log.begin('PATCH'), log.begin('PATCH')];
		const get = log.begin('GET');
		patches[0]!();
		patches[0]!();
		log.begin('PATCH');
		expect(log.mostInFlight('PATCH')).toBe(3);
		expect(log.mostInFlight('GET')).toBe(1);
		expect(log.mostInFlight()).toBe(4);
		expect(log.mostInFlight('DELETE')).toBe(0);

		// Three PATCHes and the GET are still open: the peak starts again from them.
		log.clear();
		expect(log.mostInFlight('PATCH')).toBe(3);
		get();
		patches[1]!();
		patches[2]!();
		log.clear();
		expect(log.mostInFlight('PATCH')).toBe(1);
		expect(log.mostInFlight()).toBe(1);
	});
});
