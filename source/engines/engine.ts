/**
 * The one interface every engine (Flux Kustomization, Flux HelmRelease, Argo CD Application, plain apps) sits
 * behind. An engine turns the objects its controller keeps in a cluster (or `.gitops-tui.yaml`) into app
 * definitions: plain data saying where the desired state comes from, how the controller applies it, which live
 * objects belong to it, and what the controller itself reports. Everything after discovery (render, pair, judge)
 * is the same for every engine.
 */
import type {AppSync, AutoSync, Engine} from '../domain/app.js';
import type {ApplyRules} from '../domain/apply-rules.js';
import type {HealthStatus} from '../domain/health/health.js';
import type {IgnoreRule} from '../domain/ignore-rules.js';
import type {KubeObject} from '../domain/kube-object.js';
import type {KindRef} from '../cluster/discovery.js';
import type {FluxKustomizeFields} from '../repo/render/flux-overlay.js';
import type {ContextInfo} from './context-info.js';
import type {RepoMatcher} from './repo-match.js';
import type {RepoSettings} from './settings.js';

/** How a source is rendered: detected from the files unless the app says. */
export type AppSourceKind = 'directory' | 'kustomize' | 'helm';

/** Where one part of an app's desired state lives in the loaded repository, and how to render it. */
export type AppSource = {
	/** The repository as the controller names it; empty for plain apps (always the loaded repo). */
	repoUrl: string;
	/** A directory relative to the repository root; '' is the root. */
	path: string;
	/** The branch, tag or sha the controller follows, for display (we render the evaluated revision). */
	targetRevision?: string;
	kind?: AppSourceKind;
	/** Plain directories: descend into subdirectories (Argo CD's default is not to). */
	recurse?: boolean;
	helm?: {releaseName: string; namespace?: string; valueFiles?: string[]; values?: Record<string, unknown>};
	flux?: {
		variables?: Record<string, unknown>;
		/** `postBuild.substituteFrom`: ConfigMaps and Secrets (in the Kustomization's namespace) whose data are variables. */
		substituteFrom?: Array<{kind: 'ConfigMap' | 'Secret'; name: string; optional: boolean}>;
		targetNamespace?: string;
		/** `spec.patches`, `images`, `components`, `namePrefix`, `nameSuffix`: built as an overlay over the path. */
		kustomize?: FluxKustomizeFields;
	};
	argo?: {namespace?: string};
};

/**
 * Which live objects belong to an app, so those nobody desires become Extra. An object is owned when any rule
 * matches it.
 */
export type OwnershipRule =
	/** Flux inventory entries, as resource ids (`group/Kind/namespace/name`). */
	| {kind: 'inventory'; ids: string[]}
	/** Every label given, with these values (our own `gitops-tui.io/app`, Argo CD's instance label...). */
	| {kind: 'labels'; values: Record<string, string>}
	/** Every annotation given, with these values (Helm's release name and namespace). */
	| {kind: 'annotations'; values: Record<string, string>}
	/** Argo CD's tracking annotation `<app>:<group>/<kind>:<namespace>/<name>`, with any of these app names. */
	| {kind: 'argo-tracking-id'; appNames: string[]};

/** What the controller adds to every object it applies, so our desired objects are the ones it applies. */
export type Decoration = {
	labels: Record<string, string>;
	annotations: Record<string, string>;
	/** Bookkeeping annotations copied from the live object when it has them (never drift): our revision mark. */
	keepLiveAnnotations?: string[];
	/** Argo CD: the tracking label or annotation, whichever the live object (or the app's other objects) use. */
	argoTracking?: {appName: string; labelKey: string};
};

/** Where the controller's own view comes from, beside ours. */
export type SourceHealth = {ready: boolean; message?: string};

/** What the app's controller reports about it. */
export type ControllerView = {
	sync: AppSync;
	/** Why, in the controller's words (Ready condition message, operation message...). */
	message?: string;
	/** The controller's health verdict, when it has one. */
	health?: HealthStatus;
	/** The deployed commit sha (from `main@sha1:<sha>`, `status.sync.revision`, our revision annotation). */
	deployedRevision?: string;
	/**
	 * When the controller last applied the app (RFC 3339): kustomize-controller's `status.history[0].lastReconciled`,
	 * helm-controller's `status.history[0].lastDeployed`, Argo CD's `status.operationState.finishedAt`.
	 */
	lastSync?: string;
	autoSync: AutoSync;
	/** Whether the controller can fetch its source (Flux GitRepository Ready, Argo CD ComparisonError). */
	source?: SourceHealth;
};

/** One app as an engine discovered it: plain data, safe to keep in UI state. */
export type AppDefinition = {
	/** Unique across a session: `engine/ObjectKind/controller-context/namespace/name`. */
	id: string;
	name: string;
	engine: Engine;
	/** The kind of the app's own object: Kustomization, HelmRelease, Application, or PlainApp for settings. */
	objectKind: 'Kustomization' | 'HelmRelease' | 'Application' | 'PlainApp';
	/** The context its live objects are on; undefined when it could not be mapped (see error). */
	context: string | undefined;
	/** The context its own object (Kustomization, Application...) lives on; the context for plain apps. */
	controllerContext: string;
	/** The namespace of the app's own object; for plain apps, the namespace from settings. */
	namespace: string;
	/** For namespaced desired objects that name none. */
	defaultNamespace: string;
	/** Empty when nothing can be rendered (see sourceProblem). */
	sources: AppSource[];
	/** Why our desired state is missing although the controller's view is shown (other repo, chart repository...). */
	sourceProblem?: string;
	/** The field manager the controller applies with: the exact comparison dry-runs as it. */
	fieldManager: string;
	/** How the controller applies (whose fields it takes over, which object marks it honours): apply-rules.ts. */
	apply?: ApplyRules;
	ownership: OwnershipRule[];
	decoration: Decoration;
	controller: ControllerView;
	ignoreRules: IgnoreRule[];
	/** Kinds its live objects may have besides those it desires (inventory entries, Argo CD's resource list). */
	liveKinds: KindRef[];
	/**
	 * The resource ids its controller lists as the app's (Argo CD's status.resources, Extra objects included): when
	 * one app's objects are read alone (`diff`), these are read by name, since no selector finds a tracking annotation.
	 */
	listedIds?: string[];
	/** Things worth knowing that do not stop evaluation (an ignore expression not honoured...). */
	warnings: string[];
	/** Trouble found while discovering (an unmapped destination, an unsupported remote kubeconfig...). */
	error?: string;
};

/** What engines discover apps from. */
export type DiscoveryInput = {
	/** The selected contexts, with their servers (Argo CD destinations map to them). */
	contexts: readonly ContextInfo[];
	/** The kubeconfig's current-context, selected or not: plain apps naming no context go there. */
	currentContext?: string;
	/** Every context the kubeconfig defines: a plain app naming another is reported, not silently dropped. */
	kubeconfigContexts?: readonly string[];
	/** The app objects of one kind on a context (empty when the kind is not served or not readable there). */
	objects: (context: string, kind: KindRef) => readonly KubeObject[];
	/** Why a kind could not be read on a context, when it could not (a plain app's pause flag says so). */
	kindFailure?: (context: string, kind: KindRef) => {kind: string; message: string} | undefined;
	/** Tells whether a source URL is the loaded repository. */
	matchesRepo: RepoMatcher;
	settings: RepoSettings;
};

/** One engine. */
export type AppEngine = {
	engine: Engine;
	/** The kinds of its app objects (and their sources) it reads from each context. */
	kinds: readonly KindRef[];
	/** The app definitions found; problems become `error` on an app, never an exception. */
	discover(input: DiscoveryInput): AppDefinition[];
};

/** The id of an app (a Kustomization and a HelmRelease may share a name and namespace). */
export function appId(engine: Engine, objectKind: AppDefinition['objectKind'], controllerContext: string, namespace: string, name: string): string {
	return `${engine}/${objectKind}/${controllerContext}/${namespace}/${name}`;
}
