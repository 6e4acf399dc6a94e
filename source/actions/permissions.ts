/**
 * The check stage: one SelfSubjectAccessReview per verb and resource the writes need (patch for patches and
 * applies, create for applies of objects that do not exist yet, delete for prunes). Anything refused stops the
 * action before any write, naming the verb, the resource, the namespace and who asked.
 */
import type {ContextClient} from '../cluster/context-client.js';
import type {IdentityService} from '../cluster/identity.js';
import {splitApiVersion} from '../domain/kube-object.js';
import type {PermissionCheck, PermissionItem} from '../domain/action.js';
import {writeRef} from '../engines/app-writes.js';
import {mapConcurrent} from '../engines/concurrency.js';
import type {SpecWrite} from './action-spec.js';

type Question = Omit<PermissionItem, 'allowed' | 'reason'> & {context: string};

/** Asks every question the writes raise; `identity` names who asked in the reasons. */
export async function checkPermissions(
	writes: readonly SpecWrite[],
	options: {client: (context: string) => ContextClient | undefined; identity: (context: string) => IdentityService | undefined; username: string},
): Promise<PermissionCheck> {
	const questions = new Map<string, Question>();
	const problems: PermissionItem[] = [];
	for (const {write, live} of writes) {
		const ref = writeRef(write);
		const client = options.client(write.context);
		const {group, version} = splitApiVersion(ref.apiVersion);
		const resolved = client ? await client.discovery.resolve({group, version, kind: ref.kind}) : undefined;
		if (!resolved?.ok) {
			problems.push({verb: write.kind === 'delete' ? 'delete' : 'patch', group, resource: ref.kind, name: ref.name, allowed: false, reason: `cannot resolve ${ref.kind} (${ref.apiVersion}) on ${write.context}: ${resolved ? resolved.error.message : 'no client'}`});
			continue;
		}
		const resource = resolved.value;
		const namespace = resource.namespaced ? (ref.namespace ?? client!.context.namespace) : undefined;
		const verbs = write.kind === 'delete' ? ['delete'] : write.kind === 'apply' && !live ? ['create', 'patch'] : ['patch'];
		for (const verb of verbs) {
			const question: Question = {context: write.context, verb, group: resource.group, resource: resource.resource, name: ref.name, ...(namespace ? {namespace} : {})};
			questions.set(JSON.stringify(question), question);
		}
	}

	const answered = await mapConcurrent([...questions.values()], 4, async ({context, ...question}): Promise<PermissionItem> => {
		const answer = await options.identity(context)?.canI(question);
		const allowed = answer?.ok === true && answer.value.allowed;
		if (allowed) return {...question, allowed: true};
		const resource = question.group ? `${question.resource}.${question.group}` : question.resource;
		const why = answer && !answer.ok ? ` (the access review failed: ${answer.error.message})` : answer?.ok && answer.value.reason ? ` (${answer.value.reason})` : '';
		return {...question, allowed: false, reason: `${options.username} cannot ${question.verb} ${resource}${question.namespace ? ` in ${question.namespace}` : ''}${why}`};
	});
	const items = [...problems, ...answered];
	return {identity: options.username, items, allowed: items.every(item => item.allowed)};
}
