/**
 * What every renderer returns: Kubernetes objects with where they came from, notes (skipped
 * documents), warnings (things that render but will surprise someone), or one error naming file and line.
 */
import type {KubeObject} from '../../domain/kube-object.js';
import type {YamlWarning} from '../../domain/yaml-warnings.js';

/**
 * A string scalar containing `$`, with its YAML style: Flux substitutes on the YAML text, so a plain
 * `${REPLICAS}` becomes the number 3 while a quoted `"${PORT}"` stays a string. Kept per object so
 * post-build substitution can act as Flux does.
 */
export type SubstitutableScalar = {
	path: Array<string | number>;
	text: string;
	/** Unquoted and untagged in the YAML, so the substituted text is re-read as YAML. */
	plain: boolean;
	isKey: boolean;
	line: number;
};

/** One rendered object; file is relative to the tree root, line is 1-based (the document's first line). */
export type RenderedObject = {
	object: KubeObject;
	file?: string;
	line?: number;
	substitutable?: SubstitutableScalar[];
};

/** Something skipped or worth knowing, not an error: a non-Kubernetes document, an empty render. */
export type RenderNote = {
	kind: 'not-kubernetes' | 'empty-render' | 'skipped';
	message: string;
	file?: string;
	line?: number;
};

export type RenderWarning = YamlWarning;

export type RenderErrorKind =
	| 'yaml' // a document does not parse
	| 'too-large' // a file or a rendered output above the size limit
	| 'alias-bomb' // alias expansion out of proportion ("billion laughs")
	| 'not-found' // the path is not in the tree
	| 'out-of-bounds' // a symlink leaving the tree
	| 'io' // a file could not be read
	| 'kustomize' // kustomize (or kubectl kustomize) failed
	| 'kustomize-missing' // neither kustomize nor kubectl is on PATH
	| 'helm' // helm template failed
	| 'helm-missing' // helm is not on PATH
	| 'timeout' // a render tool ran past its time limit
	| 'substitute' // Flux post-build substitution failed
	| 'namespace'; // target namespace transformation failed

/** A render failure; file and line when known. */
export type RenderError = {kind: RenderErrorKind; message: string; file?: string; line?: number};

export type RenderResult =
	| {ok: true; objects: RenderedObject[]; notes: RenderNote[]; warnings: RenderWarning[]}
	| {ok: false; error: RenderError};

/** Bounds that keep a hostile or broken repository from hanging or exhausting the process. */
export type RenderLimits = {
	/** A manifest file larger than this is refused; default 8 MiB. */
	maxFileBytes: number;
	/** Rendered output (kustomize, helm) larger than this is refused; default 32 MiB. */
	maxOutputBytes: number;
	/** Expanded YAML nodes (aliases counted at their full size) per file; default 2,000,000. */
	maxExpandedNodes: number;
	/** Time limit of kustomize or helm; default 60 s. */
	toolTimeoutMs: number;
};

/** The default bounds. */
export function defaultRenderLimits(): RenderLimits {
	return {maxFileBytes: 8 * 1024 * 1024, maxOutputBytes: 32 * 1024 * 1024, maxExpandedNodes: 2_000_000, toolTimeoutMs: 60_000};
}
