/**
 * The demo repository's history: fifteen commits over four weeks by four people, each changing what its
 * subject says. Dates are relative to an anchor (the demo's start), so "3 hours ago" reads true whenever the
 * demo runs; with a fixed anchor the history, and every sha, is the same on every run.
 */
import {billingFiles, checkoutFiles, readmeFile, settingsFile, shopFiles} from './fleet-manifests.js';
import {paymentsFiles} from './payments-manifests.js';

/** Someone who commits. */
export type Author = {name: string; email: string};

export const authors = {
	alice: {name: 'Alice Martin', email: 'alice@example.com'},
	bob: {name: 'Bob Chen', email: 'bob@example.com'},
	carol: {name: 'Carol Diaz', email: 'carol@example.com'},
	dave: {name: 'Dave Okafor', email: 'dave@example.com'},
} satisfies Record<string, Author>;

/** Names of the commits the scenario refers to (what each cluster deployed). */
export type CommitName =
	| 'layout'
	| 'shop-1.25'
	| 'payments'
	| 'billing-2.2'
	| 'checkout-plain'
	| 'payments-memory'
	| 'settings-ignore'
	| 'shop-1.26'
	| 'payments-hpa'
	| 'billing-2.3'
	| 'checkout-1.7.2'
	| 'payments-fraud-rules'
	| 'billing-2.4'
	| 'checkout-broken'
	| 'shop-1.27';

/** One commit: who, when (minutes before the anchor), why, and the files it writes. */
export type FleetCommit = {
	name: CommitName;
	author: Author;
	minutesAgo: number;
	subject: string;
	body?: string;
	files: Record<string, string>;
};

const hour = 60;
const day = 24 * hour;

/** The commits, oldest first. */
export function fleetCommits(): FleetCommit[] {
	const {alice, bob, carol, dave} = authors;
	return [
		{name: 'layout', author: alice, minutesAgo: 26 * day, subject: 'fleet: repository layout and README', files: {'README.md': readmeFile}},
		{name: 'shop-1.25', author: alice, minutesAgo: 25 * day + 3 * hour, subject: 'shop: web, worker and settings on nginx 1.25', files: shopFiles('1.25')},
		{
			name: 'payments',
			author: bob,
			minutesAgo: 23 * day + 5 * hour,
			subject: 'payments: api, service, settings and provider secret',
			files: paymentsFiles({memory: '384Mi', autoscaled: false, fraudRules: false}),
		},
		{name: 'billing-2.2', author: carol, minutesAgo: 21 * day + 2 * hour, subject: 'billing: release 2.2', files: billingFiles('2.2')},
		{
			name: 'checkout-plain',
			author: carol,
			minutesAgo: 19 * day + 6 * hour,
			subject: 'checkout: deploy with gitops-tui as a plain app',
			body: 'checkout has no controller on staging: gitops-tui applies it (see .gitops-tui.yaml).',
			files: {...checkoutFiles('1.7.1'), '.gitops-tui.yaml': settingsFile(false)},
		},
		{
			name: 'payments-memory',
			author: bob,
			minutesAgo: 16 * day + 4 * hour,
			subject: 'payments: raise api memory limit to 512Mi',
			body: 'The api was OOM-killed twice during the Monday peak.',
			files: paymentsFiles({memory: '512Mi', autoscaled: false, fraudRules: false}),
		},
		{
			name: 'settings-ignore',
			author: alice,
			minutesAgo: 14 * day + 1 * hour,
			subject: 'settings: ignore autoscaled replicas of the shop worker',
			files: {'.gitops-tui.yaml': settingsFile(true)},
		},
		{name: 'shop-1.26', author: alice, minutesAgo: 13 * day + 2 * hour, subject: 'shop: bump web to nginx 1.26', files: shopFiles('1.26')},
		{
			name: 'payments-hpa',
			author: bob,
			minutesAgo: 10 * day + 5 * hour,
			subject: 'payments: autoscale api between 2 and 6 replicas',
			files: paymentsFiles({memory: '512Mi', autoscaled: true, fraudRules: false}),
		},
		{name: 'billing-2.3', author: carol, minutesAgo: 8 * day + 3 * hour, subject: 'billing: release 2.3', files: billingFiles('2.3')},
		{name: 'checkout-1.7.2', author: dave, minutesAgo: 6 * day + 2 * hour, subject: 'checkout: release 1.7.2', files: checkoutFiles('1.7.2')},
		{
			name: 'payments-fraud-rules',
			author: bob,
			minutesAgo: 4 * day + 1 * hour,
			subject: 'payments: add fraud-rules ConfigMap',
			files: paymentsFiles({memory: '512Mi', autoscaled: true, fraudRules: true}),
		},
		{name: 'billing-2.4', author: carol, minutesAgo: 3 * day + 4 * hour, subject: 'billing: release 2.4', files: billingFiles('2.4')},
		{
			name: 'checkout-broken',
			author: dave,
			minutesAgo: 3 * hour,
			subject: 'checkout: roll out the 1.8 release candidate',
			body: 'Image tag `broken`: the sandbox never pulls it, so this rollout gets stuck.',
			files: checkoutFiles('broken'),
		},
		{name: 'shop-1.27', author: alice, minutesAgo: 25, subject: 'shop: bump web to nginx 1.27', files: shopFiles('1.27')},
	];
}

/** The full tree at a commit: every file as the commits up to and including it left it. */
export function filesAt(commits: readonly FleetCommit[], name: CommitName): Record<string, string> {
	const files: Record<string, string> = {};
	for (const commit of commits) {
		Object.assign(files, commit.files);
		if (commit.name === name) return files;
	}
	throw new Error(`demo history has no commit ${name}`);
}

/** The newest commit at or before a time (minutes before the anchor): what a controller reconciling then saw. */
export function commitAt(commits: readonly FleetCommit[], minutesAgo: number): FleetCommit {
	const seen = commits.filter(commit => commit.minutesAgo >= minutesAgo);
	const last = seen.at(-1);
	if (!last) throw new Error(`demo history has no commit ${minutesAgo} minutes before the anchor`);
	return last;
}
