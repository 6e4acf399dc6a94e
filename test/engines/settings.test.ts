import {describe, expect, it} from 'vitest';
import {parseSettings} from '../../source/engines/settings.js';

describe('.gitops-tui.yaml', () => {
	it('reads plain apps, protected contexts and ignore rules', () => {
		const result = parseSettings(`
apps:
  - name: web
    path: apps/web
    context: prod-eu
    namespace: web
  - name: jobs
    path: ./apps/jobs/
protectedContexts: [prod-eu]
ignore:
  - group: apps
    kind: Deployment
    name: web
    jsonPointers: [/spec/replicas]
    managers: [kube-controller-manager]
`);
		expect(result).toEqual({
			ok: true,
			settings: {
				apps: [
					{name: 'web', path: 'apps/web', context: 'prod-eu', namespace: 'web'},
					{name: 'jobs', path: './apps/jobs/'},
				],
				protectedContexts: ['prod-eu'],
				ignore: [
					{
						source: 'gitops-tui',
						group: 'apps',
						kind: 'Deployment',
						name: 'web',
						jsonPointers: ['/spec/replicas'],
						managers: ['kube-controller-manager'],
						unsupported: [],
					},
				],
				warnings: [],
			},
		});
	});

	it('treats an empty file as no settings, and warns about unknown keys without failing', () => {
		expect(parseSettings('')).toEqual({ok: true, settings: {apps: [], protectedContexts: [], ignore: [], warnings: []}});
		const result = parseSettings('ignores: []\napps:\n  - name: web\n    path: web\n    contxt: prod\n');
		expect(result.ok && result.settings.warnings).toEqual(['.gitops-tui.yaml: unknown key ignores', '.gitops-tui.yaml: apps[0]: unknown key contxt']);
	});

	it('names the file and line of a YAML error', () => {
		expect(parseSettings('apps:\n  - name: web\n    path: [apps/web\n')).toEqual({
			ok: false,
			error: {kind: 'settings', file: '.gitops-tui.yaml', line: 4, message: expect.stringMatching(/^\.gitops-tui\.yaml:4: /)},
		});
	});

	it.each([
		['apps: web', '.gitops-tui.yaml: apps must be a list'],
		['apps:\n  - path: web', '.gitops-tui.yaml: apps[0].name is required (a non-empty string)'],
		['apps:\n  - name: Web_1\n    path: web', '.gitops-tui.yaml: apps[0].name "Web_1" must be a DNS label (it becomes a label value)'],
		['apps:\n  - name: web', '.gitops-tui.yaml: apps[0].path is required (a directory in the repository)'],
		['apps:\n  - name: web\n    path: ../elsewhere', '.gitops-tui.yaml: apps[0].path "../elsewhere" must stay inside the repository'],
		['apps:\n  - {name: web, path: a}\n  - {name: web, path: b}', '.gitops-tui.yaml: apps[1]: app "web" is defined twice for the same context'],
		['apps:\n  - {name: web, path: a, context: 3}', '.gitops-tui.yaml: apps[0].context must be a non-empty string'],
		['protectedContexts: prod', '.gitops-tui.yaml: protectedContexts must be a list of context names'],
		['ignore:\n  - group: apps', '.gitops-tui.yaml: ignore[0].kind is required (use "*" for any kind)'],
		['ignore:\n  - {kind: Deployment, jsonPointers: spec/replicas}', '.gitops-tui.yaml: ignore[0].jsonPointers must be a list of strings'],
		['ignore:\n  - {kind: Deployment, jsonPointers: [spec/replicas]}', '.gitops-tui.yaml: ignore[0].jsonPointers: "spec/replicas" is not a JSON pointer (it starts with /)'],
		['- a\n- b', '.gitops-tui.yaml: expected a mapping at the top level'],
	])('refuses %j', (text, message) => {
		expect(parseSettings(text)).toEqual({ok: false, error: {kind: 'settings', file: '.gitops-tui.yaml', message}});
	});
});
