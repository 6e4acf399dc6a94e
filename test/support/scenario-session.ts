/**
 * The TUI's evaluation session over a running scenario (its sandbox's kubeconfig, its repository as a local
 * path), as `gitops-tui` would open it, without fetching on open: for tests that drive the live loop's stages.
 */
import path from 'node:path';
import {openEvaluationSession, type EvaluationSession} from '../../source/commands/evaluation-session.js';
import type {Scenario} from './scenario-cluster.js';

export async function openScenarioSession(scenario: Scenario): Promise<EvaluationSession> {
	const env = {...process.env, KUBECONFIG: scenario.kubeconfig, HOME: scenario.repo.root, XDG_CACHE_HOME: path.join(scenario.repo.root, 'cache')};
	const opened = await openEvaluationSession({args: [], flags: {repo: scenario.repo.dir}, io: {stdout: process.stdout, stderr: process.stderr, env, cwd: scenario.repo.root}}, 'tui', {fetchOnOpen: false});
	if (!opened.ok) throw new Error('cannot open the session');
	return opened.session;
}
