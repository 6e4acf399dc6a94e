/**
 * What the action runner is given: every side effect it may use, passed in (clients, identity, the local clone,
 * the journal, the clock), plus the settings that decide whether it may act at all (read-only, protected contexts).
 */
import type {IdentityService} from '../cluster/identity.js';
import type {Journal} from '../journal/journal-types.js';
import type {LastKnownGoodStore} from '../journal/last-known-good.js';
import type {EvaluationContext} from '../engines/evaluate.js';
import type {RenderTools} from '../repo/render/index.js';
import type {GitRepo} from '../repo/repo.js';

/** The settings actions obey. */
export type ActionSettings = {
	/** `--read-only`: every action refuses before any request. */
	readOnly: boolean;
	/** Contexts read-only by the user's settings. */
	readOnlyContexts?: readonly string[];
	/** Contexts needing the typed name to confirm, beside `.gitops-tui.yaml`'s `protectedContexts`. */
	protectedContexts?: readonly string[];
};

/** The runner's dependencies. */
export type ActionDeps = {
	/** The selected contexts, each with its client when one could be built. */
	contexts: readonly EvaluationContext[];
	currentContext?: string;
	kubeconfigContexts?: readonly string[];
	/** The local clone; rollback reads only from it (no network). */
	repo?: GitRepo;
	repoError?: string;
	tools: RenderTools;
	journal: Journal;
	now: () => Date;
	settings: ActionSettings;
	/** Who-am-I and can-I per context; built on the context's client by default. */
	identity?: (context: string) => IdentityService | undefined;
	/** Rollback's fallback when a revision cannot be rendered from the clone. */
	lastKnownGood?: LastKnownGoodStore;
	/** How often waiting polls the cluster; default 1 s. */
	pollIntervalMs?: number;
};
