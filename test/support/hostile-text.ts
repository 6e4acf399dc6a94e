/**
 * Text a committer or a cluster can put in front of an operator, planted in a scenario: raw escape sequences
 * (recolour, clear the screen, retitle the window, write the clipboard), a carriage return, a C1 control and a
 * bidi override, in a commit subject and author, a file name, an object name (from Git: the API server refuses
 * such names, a manifest does not), a context name (the kubeconfig's), the pause-reason annotation, a condition
 * message and an event message. Tests assert that none reaches a terminal raw.
 */
import path from 'node:path';
import type {KubeObject} from '../../source/domain/kube-object.js';
import type {Scenario} from './scenario-cluster.js';
import {gitSync} from './repo-helpers.js';
import {writeFileSync, appendFileSync} from 'node:fs';

/** A payload per source; each carries ESC, and the visible form the terminal must show instead. */
export const hostile = {
	subject: 'fix\x1b]0;owned-title\x07 typo\x1b[2J',
	author: 'Mallory\x1b[8m',
	fileName: 'bad\x1b[31m.yaml',
	contextName: 'prod\x1b[42m',
	objectName: 'evil\x1b]52;c;ZXZpbA==\x07-cm',
	pauseReason: 'maintenance\x1b[1A\rCLEAN\u202e',
	conditionMessage: 'auth failed\x1b[5m\u009b2J',
	eventMessage: 'pulled\x1b]8;;https://evil.example\x07 image',
};

/** What each payload looks like made visible (terminalText). */
export const shown = {
	subject: 'fix\\x1b]0;owned-title\\x07 typo\\x1b[2J',
	author: 'Mallory\\x1b[8m',
	fileName: 'bad\\x1b[31m.yaml',
	contextName: 'prod\\x1b[42m',
	objectName: 'evil\\x1b]52;c;ZXZpbA==\\x07-cm',
	pauseReason: 'maintenance\\x1b[1A\\rCLEAN\\u202e',
	conditionMessage: 'auth failed\\x1b[5m\\x9b2J',
	eventMessage: 'pulled\\x1b]8;;https://evil.example\\x07 image',
};

/** Characters a terminal acts on (newline aside). None may reach it from Git or a cluster. */
export const rawControl = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Plants every payload: a commit on two apps' paths, cluster objects the apps read, the context's name. */
export async function plantHostileText(scenario: Scenario): Promise<void> {
	const {repo, sandbox} = scenario;
	appendFileSync(path.join(repo.dir, 'apps/api/service.yaml'), '# touched\n');
	writeFileSync(path.join(repo.dir, 'apps/api/hostile.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${JSON.stringify(hostile.objectName)}\ndata: {a: b}\n`);
	writeFileSync(path.join(repo.dir, 'apps/worker', hostile.fileName), 'kind: ConfigMap\nmetadata: {name: x\n');
	gitSync(repo.dir, repo.env, ['add', '--all']);
	gitSync(repo.dir, repo.env, ['commit', '--quiet', '-m', hostile.subject], {GIT_AUTHOR_NAME: hostile.author, GIT_AUTHOR_DATE: '2026-03-02T09:00:00Z', GIT_COMMITTER_DATE: '2026-03-02T09:00:00Z'});
	const deployment = sandbox.objects.get(sandbox.objects.resourceType('apps/v1', 'Deployment')!, 'api', 'api') as KubeObject;
	const application = sandbox.objects.get(sandbox.objects.resourceType('argoproj.io/v1alpha1', 'Application')!, 'argocd', 'api') as KubeObject;
	const gitRepository = sandbox.objects.get(sandbox.objects.resourceType('source.toolkit.fluxcd.io/v1', 'GitRepository')!, 'flux-system', 'config') as KubeObject;
	sandbox.seed([
		{
			...application,
			metadata: {name: 'api', namespace: 'argocd', annotations: {'gitops-tui.io/paused-by': 'alice@example.com', 'gitops-tui.io/pause-reason': hostile.pauseReason}},
			spec: {...(application['spec'] as object), syncPolicy: {}},
		},
		{
			...gitRepository,
			metadata: {name: 'config', namespace: 'flux-system'},
			status: {...(gitRepository['status'] as object), conditions: [{type: 'Ready', status: 'False', reason: 'GitOperationFailed', message: hostile.conditionMessage, lastTransitionTime: '2026-03-01T10:00:00Z'}]},
		},
		{
			apiVersion: 'v1',
			kind: 'Event',
			metadata: {name: 'api.hostile', namespace: 'api'},
			involvedObject: {apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'api', name: 'api', uid: deployment.metadata.uid},
			reason: 'Pulled',
			message: hostile.eventMessage,
			type: 'Normal',
			firstTimestamp: '2026-03-02T09:00:00Z',
			lastTimestamp: '2026-03-02T09:00:00Z',
			count: 1,
		},
	]);
	const renamed = await scenario.kubectl(['config', 'rename-context', 'sandbox', hostile.contextName]);
	if (renamed.code !== 0) throw new Error(`rename-context: ${renamed.stderr}`);
}
