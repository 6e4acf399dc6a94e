/**
 * Operator actions (reconcile, suspend, resume, rollback) as plain async functions, driven stage by stage by any
 * front end: `createActionRunner(deps).run(request, {confirm, onEvent, dryRun, force, signal})`.
 */
export {createActionRunner, type ActionRunner, type RunOptions} from './runner.js';
export type {ActionDeps, ActionSettings} from './deps.js';
export {resolveTarget} from './resolve-target.js';
export {readOnlyRefusal} from './read-only.js';
