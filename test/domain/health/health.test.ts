import {describe, expect, it} from 'vitest';
import {healthOrder, isWorseHealth, worstHealth} from '../../../source/domain/health/health.js';

describe('health order', () => {
	it('follows gitops-engine: Healthy < Suspended < Progressing < Missing < Degraded < Unknown', () => {
		expect(healthOrder).toEqual(['Healthy', 'Suspended', 'Progressing', 'Missing', 'Degraded', 'Unknown']);
		expect(isWorseHealth('Progressing', 'Degraded')).toBe(true);
		expect(isWorseHealth('Degraded', 'Missing')).toBe(false);
	});

	it('takes the worst', () => {
		expect(worstHealth([])).toBe('Healthy');
		expect(worstHealth(['Healthy', 'Suspended', 'Progressing'])).toBe('Progressing');
		expect(worstHealth(['Degraded', 'Unknown', 'Missing'])).toBe('Unknown');
	});
});
