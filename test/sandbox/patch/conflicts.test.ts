import {describe, expect, it} from 'vitest';
import {conflictCauses, conflictMessage, type ApplyConflict} from '../../../source/sandbox/patch/index.js';

const image = '.spec.template.spec.containers[name="web"].image';

describe('conflictMessage', () => {
	it('words one conflict exactly as the apiserver 409 does', () => {
		expect(conflictMessage([{field: image, manager: 'wire-sample'}])).toBe(`Apply failed with 1 conflict: conflict with "wire-sample": ${image}`);
	});

	it('groups several conflicts by manager, managers sorted, Update managers with their apiVersion', () => {
		const conflicts: ApplyConflict[] = [
			{field: '.spec.replicas', manager: 'kubectl-edit', operation: 'Update', apiVersion: 'apps/v1'},
			{field: image, manager: 'helm', operation: 'Apply'},
			{field: '.metadata.labels.app', manager: 'kubectl-edit', operation: 'Update', apiVersion: 'apps/v1'},
		];
		expect(conflictMessage(conflicts)).toBe(
			[
				'Apply failed with 3 conflicts: conflicts with "helm":',
				`- ${image}`,
				'conflicts with "kubectl-edit" using apps/v1:',
				'- .spec.replicas',
				'- .metadata.labels.app',
			].join('\n'),
		);
	});
});

describe('conflictCauses', () => {
	it('gives one FieldManagerConflict cause per field, as in the 409 details', () => {
		expect(conflictCauses([{field: image, manager: 'wire-sample'}, {field: '.spec.replicas', manager: 'hpa', operation: 'Update', apiVersion: 'apps/v1'}])).toEqual([
			{reason: 'FieldManagerConflict', message: 'conflict with "wire-sample"', field: image},
			{reason: 'FieldManagerConflict', message: 'conflict with "hpa" using apps/v1', field: '.spec.replicas'},
		]);
	});
});
