import {describe, expect, it} from 'vitest';
import {fieldPathSteps, fitFieldPath} from '../../source/domain/field-path-fit.js';

describe('field paths fitted to a width', () => {
	it('splits a path into its steps as written, brackets whole (quoted dots and brackets inside them too)', () => {
		expect(fieldPathSteps('.spec.template.spec.containers[name="web"].image')).toEqual(['.spec', '.template', '.spec', '.containers', '[name="web"]', '.image']);
		expect(fieldPathSteps('.spec.ports[port=80,protocol="TCP"].targetPort')).toEqual(['.spec', '.ports', '[port=80,protocol="TCP"]', '.targetPort']);
		expect(fieldPathSteps('.metadata.finalizers[="a.b/c[d]"]')).toEqual(['.metadata', '.finalizers', '[="a.b/c[d]"]']);
		expect(fieldPathSteps('.data.say\\"hi')).toEqual(['.data', '.say\\"hi']);
		expect(fieldPathSteps('.spec.args[0]')).toEqual(['.spec', '.args', '[0]']);
	});

	it('keeps a path that fits as it is', () => {
		expect(fitFieldPath('.spec.replicas', 20)).toBe('.spec.replicas');
	});

	it('cuts from the left at step boundaries, keeping the leaf end', () => {
		const path = '.spec.template.spec.containers[name="web"].image';
		expect(fitFieldPath(path, 40)).toBe('~.spec.containers[name="web"].image');
		expect(fitFieldPath(path, 30)).toBe('~.containers[name="web"].image');
		expect(fitFieldPath(path, 20)).toBe('~[name="web"].image');
		for (const width of [20, 25, 30, 35, 40, 45]) {
			const fitted = fitFieldPath(path, width);
			expect(fitted.length, fitted).toBeLessThanOrEqual(width);
			expect(path.endsWith(fitted.slice(1))).toBe(true);
			// Every step shown is a whole step of the path.
			expect(fieldPathSteps(path).join('').endsWith(fieldPathSteps(fitted.slice(1)).join(''))).toBe(true);
			expect(fieldPathSteps(path).slice(-fieldPathSteps(fitted.slice(1)).length)).toEqual(fieldPathSteps(fitted.slice(1)));
		}
	});

	it('keeps the end of a leaf longer than the width on its own', () => {
		const path = `.data.${'k'.repeat(30)}-END`;
		expect(fitFieldPath(path, 20)).toBe(`~${'k'.repeat(15)}-END`);
		expect(fitFieldPath(path, 20)).toHaveLength(20);
	});
});
