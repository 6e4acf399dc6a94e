import {describe, expect, it} from 'vitest';
import {humanDuration} from '../../source/sandbox/human-duration.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration (kubectl ages)', () => {
	it.each([
		[-5 * s, '<invalid>'],
		[-1 * s, '0s'],
		[45 * s, '45s'],
		[119 * s, '119s'],
		[3 * m + 12 * s, '3m12s'],
		[5 * m, '5m'],
		[42 * m, '42m'],
		[5 * h + 20 * m, '5h20m'],
		[20 * h, '20h'],
		[3 * d + 4 * h, '3d4h'],
		[40 * d, '40d'],
		[3 * 365 * d + 10 * d, '3y10d'],
		[9 * 365 * d, '9y'],
	])('%d ms is %s', (ms, text) => {
		expect(humanDuration(ms)).toBe(text);
	});
});
