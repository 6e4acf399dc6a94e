/**
 * What actions mean for a plain app, whose deployer is gitops-tui itself: reconcile is a server-side apply of the
 * rendered revision as field manager `gitops-tui`, every object carrying the app label and the revision it came
 * from (`plainDeployedRevision` reads it back). There is no auto-sync to pause.
 */
import type {KubeObject} from '../domain/kube-object.js';
import {appliedRevisionAnnotation} from './pause-annotations.js';

/** Why suspend and resume do nothing for a plain app. */
export const plainNoAutoSync = 'plain apps have no auto-sync: gitops-tui applies them only when asked (reconcile or rollback), so there is nothing to suspend or resume';

/** The object as gitops-tui applies it at `sha`: the decoration already added the label; the revision mark is set here. */
export function withAppliedRevision(object: KubeObject, sha: string): KubeObject {
	return {...object, metadata: {...object.metadata, annotations: {...object.metadata.annotations, [appliedRevisionAnnotation]: sha}}};
}
