/** Deployment defaults (apps/v1 SetDefaults_Deployment). */
import type {KubeObject} from '../../domain/kube-object.js';
import {ensure, setDefault} from './fields.js';
import {defaultTemplateOf} from './pod-spec.js';

/** Defaults a Deployment in place: replicas, RollingUpdate 25%/25%, history limit, progress deadline. */
export function defaultDeployment(deployment: KubeObject): void {
	const spec = ensure(deployment, 'spec');
	setDefault(spec, 'replicas', 1);
	const strategy = ensure(spec, 'strategy');
	setDefault(strategy, 'type', 'RollingUpdate');
	if (strategy.type === 'RollingUpdate') {
		const rolling = ensure(strategy, 'rollingUpdate');
		setDefault(rolling, 'maxUnavailable', '25%');
		setDefault(rolling, 'maxSurge', '25%');
	}
	// `paused` is a plain bool with omitempty: the server never stores false.
	if (spec.paused === false) delete spec.paused;
	setDefault(spec, 'revisionHistoryLimit', 10);
	setDefault(spec, 'progressDeadlineSeconds', 600);
	defaultTemplateOf(spec);
	// DeploymentStatus has only omitempty fields: a fresh one serialises as {}.
	ensure(deployment, 'status');
}
