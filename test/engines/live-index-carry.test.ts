/**
 * A kind's index handed on to its next state (carryLiveIndex) answers every app exactly as an index built from
 * scratch on that state does, after any sequence of adds, updates and deletes: property-style, from a seeded
 * generator (a failure names its seed and step, and replays).
 */
import {describe, expect, it} from 'vitest';
import {createProjector} from '../../source/cluster/projection.js';
import type {LiveObject} from '../../source/domain/watch-types.js';
import type {OwnershipRule} from '../../source/engines/engine.js';
import {appLiveObjects, carryLiveIndex, type KindChanges} from '../../source/engines/live-index.js';
import type {KindState, LiveView} from '../../source/engines/live-view.js';
import {kubeObject} from '../support/domain-objects.js';

const projector = createProjector();
const kinds = [
	{group: 'apps', kind: 'Deployment'},
	{group: 'apps', kind: 'ReplicaSet'},
	{group: '', kind: 'ConfigMap'},
];
const apps = ['a', 'b', 'c', 'd'];

/** mulberry32: a small seeded generator, so each case replays. */
function generator(seed: number) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d_2b_79_f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
	};
	return {next, int: (below: number) => Math.floor(next() * below), pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!};
}

type Random = ReturnType<typeof generator>;

/** An object of `kind` named `name` with random marks: app label, team label, Helm release, tracking id, owner. */
function randomObject(random: Random, kind: string, name: string, uids: readonly string[]): LiveObject {
	const app = random.pick(apps);
	const labels: Record<string, string> = {};
	const annotations: Record<string, string> = {};
	if (random.next() < 0.7) labels['gitops-tui.io/app'] = app;
	if (random.next() < 0.5) labels['team'] = random.pick(['x', 'y']);
	if (random.next() < 0.3) annotations['meta.helm.sh/release-name'] = random.pick(apps);
	if (random.next() < 0.4) annotations['argocd.argoproj.io/tracking-id'] = `${random.pick(apps)}:${kind}:ns/${name}`;
	const owner = kind !== 'Deployment' && uids.length > 0 && random.next() < 0.5 ? random.pick(uids) : undefined;
	const version = kind === 'ConfigMap' ? 'v1' : 'apps/v1';
	return projector.project(
		kubeObject(version, kind, name, random.pick(['ns-1', 'ns-2']), {data: {n: String(random.int(1000))}}, {
			uid: `${kind}-${name}-${random.int(1_000_000)}`,
			labels,
			annotations,
			...(owner ? {ownerReferences: [{apiVersion: 'apps/v1', kind: 'Deployment', name: 'owner', uid: owner, controller: true}]} : {}),
		}),
	);
}

/** The apps asked about: every kind of ownership rule, and desired objects by name. */
const probes: Array<{ownership: OwnershipRule[]; desired: string[]}> = [
	...apps.map(app => ({ownership: [{kind: 'labels', values: {'gitops-tui.io/app': app}}] as OwnershipRule[], desired: [`cm-${app}`]})),
	...apps.map(app => ({ownership: [{kind: 'annotations', values: {'meta.helm.sh/release-name': app}}] as OwnershipRule[], desired: []})),
	...apps.map(app => ({ownership: [{kind: 'argo-tracking-id', appNames: [app]}] as OwnershipRule[], desired: [`web-${app}`]})),
	{ownership: [{kind: 'inventory', ids: ['/ConfigMap/ns-1/cm-1', 'apps/Deployment/ns-2/web-2', 'apps/ReplicaSet/ns-1/rs-3']}], desired: []},
	{ownership: [{kind: 'labels', values: {}}], desired: []},
];
/** Asked only once the index has been carried a while: a label index built on a carried index. */
const lateProbe = {ownership: [{kind: 'labels', values: {team: 'x'}}] as OwnershipRule[], desired: []};

function viewOf(states: ReadonlyMap<string, KindState>): LiveView {
	return {kind: (_context, group, kind) => states.get(`${group}/${kind}`), contextFailure: () => undefined};
}

function answer(view: LiveView, probe: {ownership: OwnershipRule[]; desired: string[]}): LiveObject[] {
	const desired = probe.desired.map(name => kubeObject(name.startsWith('cm') ? 'v1' : 'apps/v1', name.startsWith('cm') ? 'ConfigMap' : 'Deployment', name, 'ns-1'));
	return appLiveObjects(view, {context: 'prod', kinds, app: {ownership: probe.ownership, defaultNamespace: 'ns-1'}, desired});
}

function run(seed: number, steps: number): void {
	const random = generator(seed);
	const prefix = {Deployment: 'web', ReplicaSet: 'rs', ConfigMap: 'cm'} as const;
	// Names from a small pool, so adds often meet a deleted name again and updates hit indexed entries.
	const live = new Map<string, Map<string, LiveObject>>(kinds.map(({group, kind}) => [`${group}/${kind}`, new Map()]));
	const uids = () => [...live.get('apps/Deployment')!.values()].map(entry => entry.object.metadata!.uid!);
	const stateOf = (id: string): KindState => ({ok: true, objects: [...live.get(id)!.values()], namespaced: true});
	for (const {group, kind} of kinds) {
		for (let n = 0; n < 20; n++) {
			const entry = randomObject(random, kind, `${prefix[kind as keyof typeof prefix]}-${random.pick([...apps, ...Array.from({length: 8}, (_, i) => String(i))])}`, uids());
			live.get(`${group}/${kind}`)!.set(entry.key, entry);
		}
	}
	let carried = new Map(kinds.map(({group, kind}) => [`${group}/${kind}`, stateOf(`${group}/${kind}`)]));
	// Build the first indexes (and the lazy label, annotation and tracking ones) by asking every probe.
	for (const probe of probes) answer(viewOf(carried), probe);

	for (let step = 0; step < steps; step++) {
		const next = new Map(carried);
		for (const {group, kind} of kinds) {
			const id = `${group}/${kind}`;
			const objects = live.get(id)!;
			if (random.next() < 0.3) continue; // A kind nothing happened to keeps its state.
			const changes: {upserted: LiveObject[]; deleted: string[]} = {upserted: [], deleted: []};
			for (let change = 1 + random.int(4); change > 0; change--) {
				const roll = random.next();
				const existing = [...objects.keys()];
				if (roll < 0.3 && existing.length > 0) {
					const key = random.pick(existing);
					objects.delete(key);
					changes.deleted.push(key);
				} else {
					const name = roll < 0.7 && existing.length > 0 ? random.pick(existing).split('/')[3]! : `${prefix[kind as keyof typeof prefix]}-${random.int(30)}`;
					const entry = randomObject(random, kind, name, uids());
					// An update may move the object to another namespace: that is a delete and an add.
					for (const key of objects.keys()) if (key.endsWith(`/${name}`) && key !== entry.key && random.next() < 0.5) {
						objects.delete(key);
						changes.deleted.push(key);
					}
					objects.set(entry.key, entry);
					changes.upserted.push(entry);
				}
			}
			// What the watch view hands over: the net change (a key upserted then deleted is only deleted).
			const net: KindChanges = {upserted: changes.upserted.filter(entry => objects.get(entry.key) === entry), deleted: changes.deleted.filter(key => !objects.has(key))};
			const state = stateOf(id);
			carryLiveIndex(carried.get(id)!, state, net);
			next.set(id, state);
		}
		carried = next;
		// From scratch: new states of the same objects, with no index yet.
		const scratch = new Map([...carried].map(([id, state]) => [id, {...state} as KindState]));
		const asked = step > steps / 2 ? [...probes, lateProbe] : probes;
		for (const [number, probe] of asked.entries()) {
			const incremental = answer(viewOf(carried), probe);
			const fresh = answer(viewOf(scratch), probe);
			expect(incremental, `seed ${seed}, step ${step}, probe ${number}`).toEqual(fresh);
			expect(incremental.every((entry, index) => entry === fresh[index]), `seed ${seed}, step ${step}, probe ${number}: the same objects`).toBe(true);
		}
	}
}

describe('a carried live index equals one built from scratch', () => {
	it('after random adds, updates and deletes (20 seeds × 40 steps)', () => {
		for (let seed = 1; seed <= 20; seed++) run(seed, 40);
	});

	it('finds objects added after the index was built, and forgets deleted ones', () => {
		const first = projector.project(kubeObject('v1', 'ConfigMap', 'one', 'ns', {}, {labels: {'gitops-tui.io/app': 'a'}}));
		const second = projector.project(kubeObject('v1', 'ConfigMap', 'two', 'ns', {}, {labels: {'gitops-tui.io/app': 'a'}}));
		const before: KindState = {ok: true, objects: [first], namespaced: true};
		const ask = (state: KindState) =>
			appLiveObjects(viewOf(new Map([['/ConfigMap', state]])), {context: 'prod', kinds: [{group: '', kind: 'ConfigMap'}], app: {ownership: [{kind: 'labels', values: {'gitops-tui.io/app': 'a'}}]}, desired: []}).map(entry => entry.key);
		expect(ask(before)).toEqual(['/ConfigMap/ns/one']);
		const after: KindState = {ok: true, objects: [second], namespaced: true};
		carryLiveIndex(before, after, {upserted: [second], deleted: [first.key]});
		expect(ask(after)).toEqual(['/ConfigMap/ns/two']);
		// The state it came from lost its index, and builds a correct one again when asked.
		expect(ask(before)).toEqual(['/ConfigMap/ns/one']);
	});
});
