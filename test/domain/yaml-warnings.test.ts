import {describe, expect, it} from 'vitest';
import {formatFieldPath, yaml11Boolean, yaml11BooleanWarnings} from '../../source/domain/yaml-warnings.js';

describe('yaml11Boolean', () => {
	it.each(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON'])('%s is true to YAML 1.1', text => {
		expect(yaml11Boolean(text)).toBe(true);
	});

	it.each(['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'])('%s is false to YAML 1.1', text => {
		expect(yaml11Boolean(text)).toBe(false);
	});

	it.each(['true', 'false', 'yEs', 'oN', 'yes please', 'nope', '', 'o'])('%s is not flagged', text => {
		// true/false read the same everywhere; odd casings are strings to YAML 1.1 too (go-yaml's table).
		expect(yaml11Boolean(text)).toBeUndefined();
	});
});

describe('formatFieldPath', () => {
	it('joins keys with dots and indexes with brackets', () => {
		expect(formatFieldPath(['spec', 'template', 'spec', 'containers', 0, 'name'])).toBe('spec.template.spec.containers[0].name');
	});

	it('brackets keys that are not plain identifiers', () => {
		expect(formatFieldPath(['metadata', 'labels', 'app.kubernetes.io/name'])).toBe('metadata.labels["app.kubernetes.io/name"]');
		expect(formatFieldPath([0, 'a'])).toBe('[0].a');
	});
});

describe('yaml11BooleanWarnings', () => {
	it('warns with file, line, field path and both readings', () => {
		const warnings = yaml11BooleanWarnings(
			[
				{text: 'n', path: ['spec', 'containers', 0, 'name'], line: 12, isKey: false},
				{text: 'web', path: ['metadata', 'name'], line: 4, isKey: false},
				{text: 'on', path: ['data', 'on'], line: 7, isKey: true},
			],
			{file: 'apps/web/pod.yaml'},
		);
		expect(warnings).toHaveLength(2);
		expect(warnings[0]).toMatchObject({kind: 'yaml11-boolean', file: 'apps/web/pod.yaml', line: 12, path: 'spec.containers[0].name', value: 'n'});
		expect(warnings[0]!.message).toContain('apps/web/pod.yaml:12');
		expect(warnings[0]!.message).toContain('the boolean false to kubectl');
		expect(warnings[1]!.message).toContain('key data.on');
	});

	it('says "line N" when no file is known', () => {
		const [warning] = yaml11BooleanWarnings([{text: 'Yes', path: ['a'], line: 3, isKey: false}]);
		expect(warning!.file).toBeUndefined();
		expect(warning!.message.startsWith('line 3: a:')).toBe(true);
	});
});

describe('yaml11BooleanWarnings with masking', () => {
	it('hides values but keeps keys, which are not secret', () => {
		const warnings = yaml11BooleanWarnings(
			[
				{text: 'YES', path: ['data', 'flag'], line: 5, isKey: false},
				{text: 'on', path: ['data', 'on'], line: 6, isKey: true},
			],
			{file: 'secret.yaml', mask: true},
		);
		expect(warnings[0]).toMatchObject({value: '(hidden)', path: 'data.flag'});
		expect(warnings[0]!.message).not.toContain('YES');
		expect(warnings[1]!.value).toBe('on');
	});
});
