/**
 * Job defaults (batch/v1 SetDefaults_Job, v1.30 gates) and the selector the registry generates for a Job
 * without manualSelector: labels naming the Job and its uid on the template, a selector on the uid.
 */
import type {KubeObject} from '../../domain/kube-object.js';
import {type Fields, ensure, field, isFields, records, setDefault} from './fields.js';
import {defaultTemplateOf} from './pod-spec.js';

/** Labels the Job registry puts on pod templates (new and legacy spellings both, since v1.27). */
export const jobLabels = {
	controllerUid: 'batch.kubernetes.io/controller-uid',
	jobName: 'batch.kubernetes.io/job-name',
	legacyControllerUid: 'controller-uid',
	legacyJobName: 'job-name',
} as const;

/** Defaults a Job in place. The selector needs metadata.uid: the store assigns it before defaulting. */
export function defaultJob(job: KubeObject): void {
	const spec = ensure(job, 'spec');
	defaultJobSpec(spec);
	if (spec.manualSelector !== true && job.metadata.uid) generateSelector(job, spec);
	defaultTemplateOf(spec);
	// SetDefaults_Job copies template labels to a Job that has none (this runs on every read, after the
	// selector was generated, so live Jobs carry the generated labels).
	const templateLabels = field(ensure(spec, 'template'), 'metadata')?.labels;
	if (isFields(templateLabels) && Object.keys(job.metadata.labels ?? {}).length === 0) {
		job.metadata.labels = {...(templateLabels as Record<string, string>)};
	}
	ensure(job, 'status');
}

/** The JobSpec fields SetDefaults_Job fills: counts, backoff, completion mode, suspend, replacement policy. */
function defaultJobSpec(spec: Fields): void {
	if (spec.completions == null && spec.parallelism == null) {
		spec.completions = 1;
		spec.parallelism = 1;
	}
	setDefault(spec, 'parallelism', 1);
	setDefault(spec, 'backoffLimit', spec.backoffLimitPerIndex == null ? 6 : 2_147_483_647);
	setDefault(spec, 'completionMode', 'NonIndexed');
	setDefault(spec, 'suspend', false);
	const failurePolicy = field(spec, 'podFailurePolicy');
	if (failurePolicy) {
		for (const rule of records(failurePolicy.rules)) {
			for (const pattern of records(rule.onPodConditions)) setDefault(pattern, 'status', 'True');
		}
	}
	// JobPodReplacementPolicy is beta and on in v1.30.
	setDefault(spec, 'podReplacementPolicy', failurePolicy ? 'Failed' : 'TerminatingOrFailed');
}

function generateSelector(job: KubeObject, spec: Fields): void {
	const uid = job.metadata.uid!;
	const name = job.metadata.name ?? '';
	const metadata = ensure(ensure(spec, 'template'), 'metadata');
	const labels = ensure(metadata, 'labels');
	// A label the user set is kept; validation would reject a conflicting one.
	setDefault(labels, jobLabels.legacyJobName, name);
	setDefault(labels, jobLabels.jobName, name);
	setDefault(labels, jobLabels.legacyControllerUid, uid);
	setDefault(labels, jobLabels.controllerUid, uid);
	const selector = ensure(spec, 'selector');
	setDefault(ensure(selector, 'matchLabels'), jobLabels.controllerUid, uid);
}
