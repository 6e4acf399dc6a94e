import {describe, expect, it} from 'vitest';
import type {StatusJsonApp} from '../../../source/domain/app.js';
import type {StatusDocument} from '../../../source/commands/output/status-document.js';
import {ago, formatStatusTable} from '../../../source/commands/output/status-table.js';

const sha = '0123456789abcdef0123456789abcdef01234567';

function app(name: string, more: Partial<StatusJsonApp> = {}): StatusJsonApp {
	return {
		name,
		engine: 'flux',
		context: 'prod-eu',
		namespace: 'flux-system',
		sync: 'Synced',
		controllerSync: 'Synced',
		health: 'Healthy',
		revision: {deployed: sha, head: sha, behind: 0},
		autoSync: {enabled: true},
		resources: [],
		...more,
	};
}

const document: StatusDocument = {
	apiVersion: 'gitops-tui/v1',
	kind: 'Status',
	git: {repo: 'git@github.com:example/platform-config.git', branch: 'main', head: sha, lastFetch: '2026-03-01T09:00:00Z', reachable: false, error: 'cannot fetch origin (git@github.com:example/platform-config.git): git fetch timed out after 15s'},
	contexts: [
		{name: 'prod-eu', reachable: true},
		{name: 'prod-us', reachable: false, error: 'https://us.example.com: no answer within 5 s'},
	],
	apps: [
		app('payments-api-with-a-really-long-name', {
			sync: 'OutOfSync',
			revision: {deployed: sha, head: 'f'.repeat(40), behind: 3},
			autoSync: {enabled: false, pausedBy: 'alice@example.com', reason: 'INC-42', since: '2026-03-01T08:00:00Z'},
			resources: [
				{group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'payments', name: 'api', verdict: 'Drifted', health: 'Healthy', fields: [{path: '.spec.template.spec.containers[name="api"].image', manager: 'kubectl-edit'}, {path: '.spec.replicas'}]},
				{group: '', version: 'v1', kind: 'ConfigMap', namespace: 'payments', name: 'legacy', verdict: 'Extra', fields: []},
				{group: '', version: 'v1', kind: 'Service', namespace: 'payments', name: 'api', verdict: 'Synced', fields: []},
			],
		}),
		app('worker', {engine: 'plain', context: 'prod-us', sync: 'Unknown', controllerSync: 'Unknown', health: 'Unknown', revision: {}, autoSync: {enabled: false}, error: 'context prod-us cannot be read: https://us.example.com: no answer within 5 s; and then some more words so that the message has to wrap onto a second line'}),
		app('api', {engine: 'argo', context: 'prod-eu', health: 'Progressing', controllerSync: 'OutOfSync'}),
	],
};

describe('the status table', () => {
	const text = formatStatusTable(document, {now: new Date('2026-03-01T11:30:00Z'), notes: [[], [], ['apps/api/config.yaml:4: YAML 1.1 boolean yes read as a string']]});
	const lines = text.trimEnd().split('\n');

	it('fits 80 columns', () => {
		for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80);
	});

	it('starts with the repository, the Git outage and unreachable contexts', () => {
		expect(lines[0]).toBe('Repo git@github.com:example/platform-config.git, branch main, at 0123456,');
		expect(lines[1]).toBe('  fetched 2h ago');
		expect(lines.slice(2, 5).join('\n')).toBe(
			[
				'! GIT OUTAGE: cannot fetch origin (git@github.com:example/platform-config.git):',
				'  git fetch timed out after 15s. Verdicts are computed from the local clone',
				'  (desired state as of the last fetch, 2h ago).',
			].join('\n'),
		);
		expect(lines[5]).toBe('! context prod-us unreachable: https://us.example.com: no answer within 5 s');
	});

	it('has one row per app and, under it, what differs and who changed it', () => {
		const body = lines.slice(lines.findIndex(line => line.startsWith('APP')));
		expect(body[0]).toMatch(/^APP\s+ENGINE\s+CONTEXT\s+SYNC\s+CTRL\s+HEALTH\s+REVISION\s+AUTO$/);
		expect(body[1]).toMatch(/^payments\S*~\s+flux\s+prod-eu\s+OutOfSync\s+Synced\s+Healthy\s+0123456 3 behind\s+paused$/);
		expect(body.slice(2, 7)).toEqual([
			'  paused by alice@example.com since 2026-03-01T08:00:00Z: INC-42',
			'  Drifted  Deployment payments/api',
			'      .spec.template.spec.containers[name="api"].image  (kubectl-edit)',
			'      .spec.replicas',
			'  Extra    ConfigMap payments/legacy',
		]);
		expect(body[7]).toMatch(/^worker\s+plain\s+prod-us\s+Unknown\s+-\s+Unknown\s+-\s+-$/);
		expect(body[8]).toMatch(/^ {2}error: context prod-us cannot be read: /);
		expect(body[9]).toMatch(/^ {9}\S/);
		expect(body.at(-2)).toMatch(/^api\s+argo\s+prod-eu\s+Synced\s+OutOfSync\s+Progressing\s+0123456\s+on$/);
		expect(body.at(-1)).toBe('  note: apps/api/config.yaml:4: YAML 1.1 boolean yes read as a string');
		expect(text).not.toContain('Service payments/api');
	});

	it("shows a plain app's pause flag as paused, with who and why under the row", () => {
		const plain = app('jobs', {engine: 'plain', controllerSync: 'Unknown', autoSync: {enabled: false, pausedBy: 'bob', reason: 'batch window', until: '2026-03-01T12:00:00Z'}});
		const rows = formatStatusTable({...document, git: {}, contexts: [], apps: [plain]}, {now: new Date('2026-03-01T11:30:00Z')}).trimEnd().split('\n');
		const at = rows.findIndex(line => line.startsWith('jobs'));
		expect(rows[at]).toMatch(/^jobs\s+plain\s+prod-eu\s+Synced\s+-\s+Healthy\s+0123456\s+paused$/);
		expect(rows[at + 1]).toBe('  paused by bob until 2026-03-01T12:00:00Z: batch window');
	});

	it("says once per resource what the controller does about its drifted fields (Flux's takeover note)", () => {
		const note = "kustomize-controller takes over kubectl-label's fields and reverts this on its next apply";
		const drifted = app('web', {
			sync: 'OutOfSync',
			resources: [
				{
					group: 'apps',
					version: 'v1',
					kind: 'Deployment',
					namespace: 'shop',
					name: 'web',
					verdict: 'Drifted',
					health: 'Healthy',
					fields: [
						{path: '.metadata.labels.edited-by', manager: 'kubectl-label', note},
						{path: '.metadata.labels.team', manager: 'kubectl-label', note},
						{path: '.spec.replicas', manager: 'kube-controller-manager'},
					],
				},
			],
		});
		const rows = formatStatusTable({...document, git: {}, contexts: [], apps: [drifted]}, {now: new Date('2026-03-01T11:30:00Z')}).trimEnd().split('\n');
		const at = rows.indexOf('  Drifted  Deployment shop/web');
		expect(rows.slice(at + 1)).toEqual([
			'      .metadata.labels.edited-by  (kubectl-label)',
			'      .metadata.labels.team  (kubectl-label)',
			'      .spec.replicas  (kube-controller-manager)',
			"      note: kustomize-controller takes over kubectl-label's fields and reverts",
			'            this on its next apply',
		]);
	});

	it('cuts a long field path at whole steps from the left at 80 columns, keeping the leaf and the manager', () => {
		const long = '.spec.template.spec.initContainers[name="database-migrations-runner"].env[name="DATABASE_CONNECTION_POOL_SIZE"].value';
		const drifted = app('shop', {sync: 'OutOfSync', resources: [{group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'shop', name: 'web', verdict: 'Drifted', fields: [{path: long, manager: 'kubectl-edit'}]}]});
		const rows = formatStatusTable({...document, git: {}, contexts: [], apps: [drifted]}, {now: new Date('2026-03-01T11:30:00Z'), width: 80}).trimEnd().split('\n');
		const line = rows.find(row => row.includes('kubectl-edit'))!;
		for (const row of rows) expect(row.length, row).toBeLessThanOrEqual(80);
		expect(line).toMatch(/^ {6}~(\.|\[)/);
		expect(line).toMatch(/\.value {2}\(kubectl-edit\)$/);
		const shown = line.trim().replace(/ {2}\(kubectl-edit\)$/, '').slice(1);
		expect(long.endsWith(shown)).toBe(true);
		expect(shown).toBe('.env[name="DATABASE_CONNECTION_POOL_SIZE"].value');
	});

	it('says so when there are no apps', () => {
		expect(formatStatusTable({...document, git: {}, contexts: [], apps: []}, {now: new Date()})).toMatch(/^No apps found/);
	});
});

describe('ago', () => {
	it.each([
		['2026-03-01T12:00:00Z', 'just now'],
		['2026-03-01T11:59:30Z', '30s ago'],
		['2026-03-01T11:45:00Z', '15m ago'],
		['2026-03-01T07:00:00Z', '5h ago'],
		['2026-02-20T12:00:00Z', '9d ago'],
		['not a time', 'not a time'],
	])('%s → %s', (iso, text) => {
		expect(ago(iso, new Date('2026-03-01T12:00:00Z'))).toBe(text);
	});
});

describe('status table and text from a hostile server or repository', () => {
	it('shows control characters in any cell or message visibly, and lays out the row by what is shown', () => {
		const hostileDocument: StatusDocument = {
			...document,
			git: {repo: 'repo', reachable: true},
			contexts: [{name: 'prod-eu', reachable: true}],
			apps: [app('evil\x1b[31m', {error: 'render failed\r\x1b[2K', resources: [{group: '', version: 'v1', kind: 'ConfigMap', namespace: 'a', name: 'x\u202ey', verdict: 'Extra', fields: [{path: '.data.k\x07', manager: 'm\x1b'}]}]})],
		};
		const text = formatStatusTable(hostileDocument, {now: new Date('2026-03-01T10:00:00Z'), notes: [['note\x1b]0;t\x07']], problems: ['problem\u009b']});
		expect(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/.test(text)).toBe(false);
		for (const visible of ['evil\\x1b[31m', 'render failed\\r\\x1b[2K', 'x\\u202ey', '.data.k\\x07', '(m\\x1b)', 'note\\x1b]0;t\\x07', 'problem\\x9b']) expect(text).toContain(visible);
		expect(text).toMatch(/^evil\\x1b\[31m\s+flux\s+prod-eu\s+Synced/m);
	});
});
