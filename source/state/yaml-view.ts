/**
 * The YAML view (`y`, k9s' habit): the selected object as it is live and as Git wants it, one section under the
 * other (two columns of 40 cells would cut every line at 80×24), long lines wrapped rather than cut. Built from
 * the snapshot, so it follows live as it changes. Secret values never show: both sides go through the domain's
 * pair masking (which keys differ, never a value), whatever the snapshot already did.
 */
import type {AppStatus} from '../domain/app.js';
import type {KubeObject} from '../domain/kube-object.js';
import {resourceId} from '../domain/resource-key.js';
import {maskSecretPair} from '../domain/secret-mask.js';
import {toYaml} from '../domain/text-diff.js';
import type {ResourceResult} from '../domain/verdict.js';
import {appId} from './fleet-snapshot.js';
import type {Screen, TuiState} from './tui-state.js';
import {wrapText} from './wrap.js';

function findApp(state: TuiState, id: string): AppStatus | undefined {
	return state.snapshot?.apps.find(app => appId(app) === id);
}

export type YamlLine = {kind: 'title' | 'note' | 'text'; text: string};

type YamlScreen = Extract<Screen, {kind: 'yaml'}>;

/** What the view is about: an app resource (with both sides) or an owned child (live only). */
type Subject = {title: string; resource?: ResourceResult; child?: KubeObject};

function subjectOf(state: TuiState, app: AppStatus, id: string): Subject | undefined {
	const resource = app.resources.find(r => resourceId(r.key) === id);
	if (resource) {
		const {kind, namespace, name} = resource.key;
		return {title: `${kind}/${name}${namespace ? ` in ${namespace}` : ''}`, resource};
	}
	const child = (state.snapshot?.liveByContext[app.context] ?? []).find(object => object.metadata.uid === id);
	if (!child) return undefined;
	return {title: `${child.kind}/${child.metadata.name ?? ''}${child.metadata.namespace ? ` in ${child.metadata.namespace}` : ''}`, child};
}

/** The first piece of `chars` that fits `width`: up to its last space when there is one, else cut mid-word. */
function breakAt(chars: string[], width: number): [string[], string[]] {
	if (chars.length <= width) return [chars, []];
	const space = chars.lastIndexOf(' ', width);
	return space > 0 ? [chars.slice(0, space), chars.slice(space + 1)] : [chars.slice(0, width), chars.slice(width)];
}

/** One YAML line wrapped to the width, its continuations indented two more than the line (nothing cut with "…"). */
function wrapYamlLine(line: string, width: number): string[] {
	const chars = Array.from(line);
	if (chars.length <= width) return [line];
	const pad = ' '.repeat(Math.min(/^ */.exec(line)![0].length + 2, Math.floor(width / 2)));
	let [head, rest] = breakAt(chars, width);
	const lines = [head.join('')];
	while (rest.length > 0) {
		[head, rest] = breakAt(rest, width - pad.length);
		lines.push(pad + head.join(''));
	}
	return lines;
}

/** An object as YAML lines (keys sorted, as kubectl prints), each wrapped to the width. */
function yamlText(object: KubeObject, width: number): YamlLine[] {
	return toYaml(object)
		.trimEnd()
		.split('\n')
		.flatMap(line => wrapYamlLine(line, width).map(text => ({kind: 'text' as const, text})));
}

/** Why one side is absent, in the operator's terms. */
function absentLive(resource: ResourceResult | undefined): string {
	if (resource?.verdict === 'Missing') return 'not in the cluster: this object is Missing (Git has it, the cluster does not)';
	if (resource?.verdict === 'Unknown') return `not read from the cluster${resource.error ? `: ${resource.error}` : ''}`;
	return 'not in the cluster';
}

function absentDesired(subject: Subject): string {
	if (subject.child) {
		const owner = subject.child.metadata.ownerReferences?.find(ref => ref.controller) ?? subject.child.metadata.ownerReferences?.[0];
		return `not in Git: created by ${owner ? `its owner ${owner.kind}/${owner.name}` : 'its owner'}, so not compared with Git`;
	}
	const {resource} = subject;
	if (resource?.verdict === 'Extra') return 'not in Git: this object is Extra (live as part of the app, Git does not have it)';
	if (resource?.verdict === 'Unknown') return `desired state unavailable${resource.error ? `: ${resource.error}` : ''}`;
	return 'not in Git';
}

/** A title, then the object's YAML or why there is none. */
function side(title: string, object: KubeObject | undefined, absent: string, width: number): YamlLine[] {
	return [{kind: 'title', text: title}, ...(object ? yamlText(object, width) : wrapText(absent, width - 2).map(text => ({kind: 'note' as const, text: `  ${text}`})))];
}

/** The app's own object (its Kustomization, HelmRelease or Application): live as its controller's cluster holds it. */
function appObjectLines(state: TuiState, app: AppStatus, width: number): YamlLine[] {
	const document = state.appObjects[appId(app)];
	if (!document || document.status === 'loading') return [{kind: 'note', text: 'loading the app object'}];
	if (document.status === 'error') return [{kind: 'note', text: document.error}];
	const {live} = maskSecretPair(undefined, document.object);
	return [
		...side(`# live on ${document.context}`, live, 'not in the cluster', width),
		{kind: 'text', text: ''},
		...side('# desired', undefined, "gitops-tui compares the app's resources with Git, not its own object: its status above is what the controller says", width),
	];
}

/** The view's lines: a title per side, then its YAML or why there is none. */
export function yamlLines(state: TuiState, screen: YamlScreen): YamlLine[] {
	const app = findApp(state, screen.appId);
	const width = Math.max(20, state.viewport.columns);
	if (app && screen.resourceId === undefined) return appObjectLines(state, app, width);
	const subject = app && screen.resourceId !== undefined ? subjectOf(state, app, screen.resourceId) : undefined;
	if (!app || !subject) return [{kind: 'note', text: 'this object is gone'}];
	const masked = maskSecretPair(subject.resource?.desired, subject.resource?.live ?? subject.child);
	const head = state.snapshot?.git.head?.slice(0, 7);
	return [
		...side(`# live on ${app.context}`, masked.live, absentLive(subject.resource), width),
		{kind: 'text', text: ''},
		...side(`# desired: Git${head ? ` at ${head}` : ''}, as ${app.engine === 'plain' ? 'gitops-tui' : 'its controller'} applies it`, masked.desired, absentDesired(subject), width),
	];
}

/** The title of the view: which object. */
export function yamlTitle(state: TuiState, screen: YamlScreen): string {
	const app = findApp(state, screen.appId);
	if (screen.resourceId === undefined) {
		const document = state.appObjects[screen.appId];
		const object = document?.status === 'ready' ? document.object : undefined;
		return object ? `${object.kind}/${object.metadata.name ?? ''} in ${object.metadata.namespace ?? ''}` : `app ${app?.name ?? screen.appId}`;
	}
	const subject = app && subjectOf(state, app, screen.resourceId);
	return subject ? subject.title : screen.resourceId;
}

/**
 * Where `tab` scrolls: down to the desired side's title (or as far as the view scrolls, when it is on the last
 * page), or back to the top (live) from there.
 */
export function otherSideOffset(lines: YamlLine[], offset: number, visible: number): number {
	const desired = lines.findIndex((line, index) => index > 0 && line.kind === 'title');
	const target = Math.min(desired, Math.max(0, lines.length - visible));
	return desired > 0 && offset < target ? target : 0;
}

/** YAML lines shown at once: the body less the title line. */
export function yamlVisibleRows(height: number): number {
	return Math.max(1, height - 1);
}
