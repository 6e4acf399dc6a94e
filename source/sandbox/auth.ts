/**
 * Bearer-token authentication and the sandbox's simple authorization: each user has a verb list
 * that applies to every resource (`*` for all verbs), like a ClusterRole bound cluster-wide, less the `verb resource`
 * pairs it is denied.
 */
import {randomBytes} from 'node:crypto';
import type {SandboxUser} from './types.js';

/** Every verb a resource request can need. */
export const allVerbs = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];

/** The default users: `admin` may do everything, `viewer` may read. Tokens are random per sandbox. */
export function defaultUsers(): SandboxUser[] {
	return [
		{name: 'admin', token: randomBytes(24).toString('hex'), groups: ['system:masters', 'system:authenticated'], verbs: ['*']},
		{name: 'viewer', token: randomBytes(24).toString('hex'), groups: ['sandbox:viewers', 'system:authenticated'], verbs: ['get', 'list', 'watch']},
	];
}

/** The user an Authorization header names, or undefined for a missing or unknown token. */
export function authenticate(users: SandboxUser[], header: string | undefined): SandboxUser | undefined {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
	if (!match) return undefined;
	return users.find(user => user.token === match[1]);
}

/** Whether the user may use the verb on resources (on `resource` when given: its denials apply). */
export function allows(user: SandboxUser, verb: string, resource?: string): boolean {
	if (resource !== undefined && user.denied?.includes(`${verb} ${resource}`)) return false;
	return user.verbs.includes('*') || user.verbs.includes(verb);
}

/** Admins (every verb) may use the fault-injection control endpoint. */
export function isAdmin(user: SandboxUser): boolean {
	return user.verbs.includes('*') || allVerbs.every(verb => user.verbs.includes(verb));
}
