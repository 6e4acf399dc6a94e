import {describe, expect, it} from 'vitest';
import {auditEvidence, requestCounter} from '../../../source/commands/output/audit-document.js';
import {auditMarkdown, cell} from '../../../source/commands/output/audit-markdown.js';
import type {StatusJsonApp} from '../../../source/domain/app.js';

describe('cell', () => {
	it('keeps a crafted value inside its cell: pipes, HTML, Markdown, newlines and control characters', () => {
		expect(cell('a|b <img src=x> *bold* `code` [link](x) #h ~s~\nnext\u001b[2J')).toBe(
			'a\\|b \\<img src=x\\> \\*bold\\* \\`code\\` \\[link\\](x) \\#h \\~s\\~ next\\\\x1b\\[2J',
		);
	});
});

const app = (name: string, context: string, extra: Partial<StatusJsonApp> = {}): StatusJsonApp => ({
	name,
	engine: 'flux',
	context,
	namespace: 'flux-system',
	sync: 'Synced',
	controllerSync: 'Synced',
	health: 'Healthy',
	revision: {},
	autoSync: {enabled: true},
	resources: [],
	...extra,
});

describe('auditEvidence', () => {
	it('sorts contexts, apps, resources, fields and verbs, whatever order they came in', () => {
		const counter = requestCounter();
		for (const [context, method] of [['b', 'POST'], ['a', 'GET'], ['b', 'GET'], ['a', 'GET']] as const) counter.count({context, method});
		const resource = (name: string, paths: string[]) => ({group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'x', name, verdict: 'Drifted' as const, fields: paths.map(path => ({path, manager: 'kubectl-edit'}))});
		const evidence = auditEvidence({
			version: '1.0.0',
			time: new Date('2026-12-01T00:00:00Z'),
			status: {
				apiVersion: 'gitops-tui/v1',
				kind: 'Status',
				git: {},
				contexts: [{name: 'b', reachable: true}, {name: 'a', reachable: true}],
				apps: [app('web', 'b'), app('web', 'a', {resources: [resource('z', ['.b', '.a']), resource('y', [])]}), app('api', 'b')],
			},
			servers: {a: 'https://a', b: 'https://b'},
			identities: {a: {username: 'alice', groups: [], source: 'server'}, b: {error: 'timeout'}},
			journal: {path: '/j', error: 'EACCES'},
			requests: counter.snapshot(),
		});
		expect(evidence.contexts.map(context => context.name)).toEqual(['a', 'b']);
		expect(evidence.apps.map(entry => `${entry.name}@${entry.context}`)).toEqual(['api@b', 'web@a', 'web@b']);
		expect(evidence.apps[1]!.resources.map(entry => entry.name)).toEqual(['y', 'z']);
		expect(evidence.apps[1]!.resources[1]!.fields.map(field => field.path)).toEqual(['.a', '.b']);
		expect(JSON.stringify(evidence.requests)).toBe('{"total":4,"byVerb":{"GET":3,"POST":1},"byContext":{"a":{"GET":2},"b":{"GET":1,"POST":1}}}');
		const markdown = auditMarkdown(evidence);
		expect(markdown).toContain('| b | https://b | yes | unknown: timeout |');
		expect(markdown).toContain('The journal /j could not be read: EACCES');
	});
});
