import {describe, expect, it} from 'vitest';
import {statusExitCode, type StatusDocument} from '../../../source/commands/output/status-document.js';
import type {StatusJsonApp} from '../../../source/domain/app.js';

const base = (apps: Array<Partial<StatusJsonApp>>, reachable = true): StatusDocument => ({
	apiVersion: 'gitops-tui/v1',
	kind: 'Status',
	git: {},
	contexts: [{name: 'prod', reachable}],
	apps: apps.map(app => ({
		name: 'a',
		engine: 'flux',
		context: 'prod',
		namespace: 'flux-system',
		sync: 'Synced',
		controllerSync: 'Synced',
		health: 'Healthy',
		revision: {},
		autoSync: {enabled: true},
		resources: [],
		...app,
	})),
});

describe('status exit codes (as kubectl diff: 0 clean, 1 drift or unhealthy, 2 error)', () => {
	it.each([
		['everything synced and healthy', base([{}, {health: 'Suspended'}]), {}, 0],
		['no apps at all', base([]), {}, 0],
		['an app out of sync', base([{}, {sync: 'OutOfSync'}]), {}, 1],
		['an app degraded', base([{health: 'Degraded'}]), {}, 1],
		['an app still progressing', base([{health: 'Progressing'}]), {}, 1],
		['an app that could not be judged', base([{sync: 'OutOfSync'}, {sync: 'Unknown', error: 'broken.yaml:3: bad'}]), {}, 2],
		['an unreachable context', base([{}], false), {}, 2],
		['a broken settings file', base([{}]), {settingsError: true}, 2],
	])('%s', (_name, document, options, code) => {
		expect(statusExitCode(document, options)).toBe(code);
	});
});
