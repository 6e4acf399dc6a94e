/**
 * How each controller applies, as far as verdicts care: whose fields it takes over before applying (so its next
 * apply removes what the manifest does not set), and which per-object marks it honours. Read from the
 * controllers' source; each rule says where it comes from.
 *
 * - kustomize-controller (fluxcd/kustomize-controller `internal/controller/kustomization_controller.go`, apply
 *   options; fluxcd/pkg `ssa/manager_apply.go` cleanupMetadata + `ssa/patch.go` PatchReplaceFieldsManagers):
 *   before every apply, managedFields entries of managers whose names start with `kubectl` (Apply: `kubectl
 *   apply --server-side`; Update: `kubectl apply`/`edit`/`label`/`patch`...), `before-first-apply` (Update) and
 *   its own Update entries are merged into its Apply entry, so a `kubectl label` on a Flux-managed object is
 *   drift Flux removes. Objects marked `ssa: Merge` are left out of that cleanup (Cleanup.Exclusions).
 *   `reconcile: disabled` and `ssa: Ignore` exclude an object from apply, even from creation (ExclusionSelector),
 *   `ssa: IfNotPresent` only creates it (IfNotPresentSelector); marks match labels or annotations in any case.
 * - helm-controller: Helm upgrades with a three-way merge of the previous release manifest, the new one and the
 *   live object; fields other managers add that no manifest has are kept, so nothing is taken over. Its drift
 *   correction (`driftDetection.mode: enabled`) patches back only fields the chart renders.
 * - Argo CD, client-side apply (default): `kubectl apply` semantics, a three-way merge against the
 *   last-applied annotation; others' fields are kept, nothing is taken over.
 * - Argo CD, `ServerSideApply=true` (gitops-engine `pkg/sync/sync_context.go`, Argo CD 3.3+): before applying
 *   as `argocd-controller`, the fields of the client-side manager `kubectl-client-side-apply` (exact name,
 *   Update) are migrated to `argocd-controller`'s Apply entry (k8s.io/client-go `csaupgrade`), unless the app
 *   sets `ClientSideApplyMigration=false`.
 * - Argo CD, `Replace=true`: `kubectl replace`/`create` replaces the whole object; Argo CD's own diff still
 *   compares as above, and so do we (a warning on the app says so).
 */
import type {ApplyRules} from '../domain/apply-rules.js';

/** kustomize-controller's rules; `fieldManager` is its manager name (`--controller-name`, default kustomize-controller). */
export function kustomizeControllerRules(fieldManager: string): ApplyRules {
	return {
		controller: fieldManager,
		takeover: [
			{name: 'kubectl', operation: 'Apply'},
			{name: 'kubectl', operation: 'Update'},
			{name: 'before-first-apply', operation: 'Update'},
			{name: fieldManager, operation: 'Update'},
		],
		takeoverExclusions: {'kustomize.toolkit.fluxcd.io/ssa': 'Merge'},
		fluxObjectMarks: true,
	};
}

/** helm-controller's rules: no takeover, and kustomize-controller's marks mean nothing to it. */
export function helmControllerRules(): ApplyRules {
	return {controller: 'helm-controller', takeover: [], fluxObjectMarks: false};
}

/** The sync options of an Argo CD Application that change how it applies. */
export type ArgoApplyOptions = {serverSideApply: boolean; clientSideApplyMigration: boolean};

/** Reads `spec.syncPolicy.syncOptions` (`Name=value` strings). */
export function argoApplyOptions(syncOptions: unknown): ArgoApplyOptions & {replace: boolean} {
	const options = Array.isArray(syncOptions) ? syncOptions.filter((item): item is string => typeof item === 'string') : [];
	const value = (name: string) => options.map(option => option.split('=')).find(([key]) => key?.trim() === name)?.[1]?.trim().toLowerCase();
	return {serverSideApply: value('ServerSideApply') === 'true', clientSideApplyMigration: value('ClientSideApplyMigration') !== 'false', replace: value('Replace') === 'true'};
}

/** Argo CD's rules for an app with these sync options. */
export function argoControllerRules(options: ArgoApplyOptions): ApplyRules {
	const migrate = options.serverSideApply && options.clientSideApplyMigration;
	return {
		controller: 'argocd-controller',
		takeover: migrate ? [{name: 'kubectl-client-side-apply', operation: 'Update', exact: true}] : [],
		fluxObjectMarks: false,
	};
}
