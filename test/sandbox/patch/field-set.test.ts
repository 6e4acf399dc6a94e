import {describe, expect, it} from 'vitest';
import {
	FieldSet,
	fieldsV1ToPaths,
	formatFieldPath,
	keyElement,
	parsePathElement,
	pathsToFieldsV1,
	serializePathElement,
	type FieldPath,
} from '../../../source/sandbox/patch/index.js';

const containers: FieldPath = [{field: 'spec'}, {field: 'template'}, {field: 'spec'}, {field: 'containers'}];
const web = keyElement([['name', 'web']]);
const port = keyElement([['protocol', 'TCP'], ['containerPort', 8080]]);

describe('path elements', () => {
	it('serialises keys with fields sorted by name, as fieldsV1 stores them', () => {
		expect(serializePathElement(port)).toBe('k:{"containerPort":8080,"protocol":"TCP"}');
		expect(serializePathElement({value: 'example.com/finalizer'})).toBe('v:"example.com/finalizer"');
		expect(serializePathElement({index: 3})).toBe('i:3');
		expect(serializePathElement({field: 'app.kubernetes.io/name'})).toBe('f:app.kubernetes.io/name');
	});

	it('escapes like Go in keys and values', () => {
		expect(serializePathElement({value: 'a<b>&c'})).toBe('v:"a\\u003cb\\u003e\\u0026c"');
	});

	it('parses what it serialises and rejects malformed keys', () => {
		for (const element of [port, web, {value: 7}, {index: 0}, {field: 'f:odd'}]) {
			expect(parsePathElement(serializePathElement(element))).toEqual(element);
		}
		expect(parsePathElement('x:1')).toBeUndefined();
		expect(parsePathElement('k:[1]')).toBeUndefined();
		expect(parsePathElement('i:-1')).toBeUndefined();
	});

	it('prints paths as conflict messages do', () => {
		expect(formatFieldPath([...containers, web, {field: 'image'}])).toBe('.spec.template.spec.containers[name="web"].image');
		expect(formatFieldPath([{field: 'spec'}, {field: 'ports'}, keyElement([['port', 80], ['protocol', 'TCP']]), {field: 'targetPort'}])).toBe(
			'.spec.ports[port=80,protocol="TCP"].targetPort',
		);
		expect(formatFieldPath([{field: 'metadata'}, {field: 'finalizers'}, {value: 'x'}])).toBe('.metadata.finalizers[="x"]');
		expect(formatFieldPath([{field: 'args'}, {index: 2}])).toBe('.args[2]');
	});
});

describe('FieldSet', () => {
	const trie = {
		'f:metadata': {'f:labels': {'.': {}, 'f:app': {}}},
		'f:spec': {
			'f:replicas': {},
			'f:template': {
				'f:spec': {
					'f:containers': {
						'k:{"name":"web"}': {
							'.': {},
							'f:image': {},
							'f:ports': {'k:{"containerPort":8080,"protocol":"TCP"}': {'.': {}, 'f:containerPort': {}}},
						},
					},
				},
			},
		},
	};

	it('round-trips a fieldsV1 trie exactly, key order included', () => {
		const set = FieldSet.fromFieldsV1(trie);
		expect(JSON.stringify(set.toFieldsV1())).toBe(JSON.stringify(trie));
	});

	it('lists members as printed paths, members before children at each level', () => {
		expect(fieldsV1ToPaths(trie)).toEqual([
			'.metadata.labels',
			'.metadata.labels.app',
			'.spec.replicas',
			'.spec.template.spec.containers[name="web"]',
			'.spec.template.spec.containers[name="web"].image',
			'.spec.template.spec.containers[name="web"].ports[containerPort=8080,protocol="TCP"]',
			'.spec.template.spec.containers[name="web"].ports[containerPort=8080,protocol="TCP"].containerPort',
		]);
	});

	it('orders fields before keys before set values before indexes, and writes `.` first', () => {
		const set = FieldSet.fromPaths([
			[{field: 'list'}, {index: 1}],
			[{field: 'list'}, {value: 'b'}],
			[{field: 'list'}, {value: 3}],
			[{field: 'list'}, web],
			[{field: 'list'}, {field: 'z'}],
			[{field: 'b'}],
			[{field: 'b'}, {field: 'c'}],
			[{field: 'a'}],
		]);
		expect(JSON.stringify(set.toFieldsV1())).toBe(
			'{"f:a":{},"f:b":{".":{},"f:c":{}},"f:list":{"f:z":{},"k:{\\"name\\":\\"web\\"}":{},"v:3":{},"v:\\"b\\"":{},"i:1":{}}}',
		);
	});

	it('builds fieldsV1 from paths', () => {
		expect(pathsToFieldsV1([[...containers, web], [...containers, web, {field: 'name'}]])).toEqual({
			'f:spec': {'f:template': {'f:spec': {'f:containers': {'k:{"name":"web"}': {'.': {}, 'f:name': {}}}}}},
		});
	});

	it('computes union, intersection and differences like structured-merge-diff', () => {
		const a = FieldSet.fromPaths([[{field: 'x'}], [{field: 'x'}, {field: 'y'}], [{field: 'z'}]]);
		const b = FieldSet.fromPaths([[{field: 'x'}], [{field: 'w'}]]);
		expect(a.union(b).paths()).toEqual([[{field: 'w'}], [{field: 'x'}], [{field: 'z'}], [{field: 'x'}, {field: 'y'}]]);
		expect(a.intersection(b).paths()).toEqual([[{field: 'x'}]]);
		// A plain difference keeps x.y: only the member x itself goes.
		expect(a.difference(b).paths()).toEqual([[{field: 'z'}], [{field: 'x'}, {field: 'y'}]]);
		expect(a.recursiveDifference(b).paths()).toEqual([[{field: 'z'}]]);
		expect(a.has([{field: 'x'}, {field: 'y'}])).toBe(true);
		expect(a.has([{field: 'y'}])).toBe(false);
		expect(a.difference(a).isEmpty()).toBe(true);
		expect(a.equals(FieldSet.fromFieldsV1(a.toFieldsV1()))).toBe(true);
	});

	it('refuses a malformed trie', () => {
		expect(() => FieldSet.fromFieldsV1({'q:x': {}})).toThrow(/invalid fieldsV1 key/);
	});
});
