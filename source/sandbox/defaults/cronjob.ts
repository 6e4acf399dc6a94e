/** CronJob defaults (batch/v1 SetDefaults_CronJob). */
import type {KubeObject} from '../../domain/kube-object.js';
import {ensure, setDefault} from './fields.js';
import {defaultTemplateOf} from './pod-spec.js';

/**
 * Defaults a CronJob in place. The jobTemplate's JobSpec is not defaulted (there is no SetDefaults for a
 * bare JobSpec): only its pod template is, exactly as live CronJobs show.
 */
export function defaultCronJob(cronJob: KubeObject): void {
	const spec = ensure(cronJob, 'spec');
	setDefault(spec, 'concurrencyPolicy', 'Allow');
	setDefault(spec, 'suspend', false);
	setDefault(spec, 'successfulJobsHistoryLimit', 3);
	setDefault(spec, 'failedJobsHistoryLimit', 1);
	const jobTemplate = ensure(spec, 'jobTemplate');
	const metadata = ensure(jobTemplate, 'metadata');
	if (metadata.creationTimestamp === undefined) metadata.creationTimestamp = null;
	defaultTemplateOf(ensure(jobTemplate, 'spec'));
	ensure(cronJob, 'status');
}
