/**
 * The story each demo cluster tells, built the way it would have happened:
 *
 * - prod-eu: Flux `shop` at HEAD, then an on-call engineer put web back on nginx 1.26 with `kubectl edit`
 *   (drift by another manager) and the queue autoscaler scaled the worker (hidden by the repo's ignore rule);
 *   shop there re-applies hourly, so the hand edit stays until then (or until someone reconciles it).
 *   Argo CD `payments` synced at HEAD, its api since scaled by the HPA (drift) and its `fraud-rules` ConfigMap
 *   deleted by hand (missing): auto-sync without self-heal leaves both alone until the next commit.
 * - prod-us: Flux `shop` one commit behind HEAD on its path (its source fetches every two hours); its
 *   Kustomization re-applies every 30 s, so a hand edit there is undone within 30 s.
 * - staging: Flux `billing` paused (spec.suspend) by Alice during an incident, holding 2.3 while Git has 2.4;
 *   plain app `checkout` applied by gitops-tui at HEAD, whose image never pulls (a stuck rollout).
 *
 * The simulated controllers (../gitops) start once the world is set up and carry on from these statuses.
 */
import type {KubeObject} from '../../domain/kube-object.js';
import {deployArgoApp, keyOf} from './argo-setup.js';
import {applyObjects, managerOf, renderForDeployer, type Deployer} from './deploy.js';
import {deployFluxApp, installFluxSource} from './flux-setup.js';
import {commitAt} from './fleet-history.js';
import {minutesBefore} from './time.js';
import {allOrFirstError, commitTime, refOf, waitUntil, type ClusterSetup} from './world.js';

/** The demo's contexts; the first is the kubeconfig's current context. */
export const demoContexts = ['prod-eu', 'prod-us', 'staging'] as const;

/** A context of the demo. */
export type DemoContext = (typeof demoContexts)[number];

/** The manager a Horizontal Pod Autoscaler's scale writes carry (kube-controller-manager runs the HPA controller). */
export const autoscalerManager = 'kube-controller-manager';
/** `kubectl edit` records its writes under this manager. */
export const kubectlEditManager = 'kubectl-edit';

/** The billing pause. */
export const billingPause = {by: 'alice@example.com', reason: 'incident INC-4711: holding billing at 2.3', minutesAgo: 5 * 24 * 60};

/** How often each demo source fetches and each Kustomization re-applies (short, so a new user sees effects). */
export const demoIntervals = {
	source: '10s',
	prodUsSource: '2h',
	shopEu: '1h',
	shopUs: '30s',
	billing: '1m',
} as const;

/** Sets up one cluster. */
export function setUpCluster(setup: ClusterSetup & {name: DemoContext}): Promise<void> {
	switch (setup.name) {
		case 'prod-eu':
			return setUpProdEu(setup);
		case 'prod-us':
			return setUpProdUs(setup);
		case 'staging':
			return setUpStaging(setup);
	}
}

async function setUpProdEu(setup: ClusterSetup): Promise<void> {
	// Flux and Argo CD work side by side, and so does their set-up.
	await allOrFirstError([setUpShopEu(setup), setUpPayments(setup)]);
}

async function setUpShopEu(setup: ClusterSetup): Promise<void> {
	const {world, client} = setup;
	const {shas, head} = world.repo;
	await installFluxSource(setup, {sha: head, fetchedAt: commitTime(world, 'shop-1.27', 1), interval: demoIntervals.source});
	const shop = await deployFluxApp(setup, {
		app: 'shop',
		targetNamespace: 'shop',
		interval: demoIntervals.shopEu,
		applied: [
			{sha: shas['checkout-broken'], at: commitTime(world, 'checkout-broken', 2)},
			{sha: head, at: commitTime(world, 'shop-1.27', 2)},
		],
	});
	// The on-call engineer rolled web back by hand; the worker's autoscaler scaled it up.
	await client.strategicPatch(refOf(find(shop, 'Deployment/web')), {spec: {template: {spec: {containers: [{name: 'web', image: 'nginx:1.26'}]}}}}, kubectlEditManager);
	await client.scale(refOf(find(shop, 'Deployment/worker')), 4, autoscalerManager);
}

function setUpPayments(setup: ClusterSetup): Promise<void> {
	const {world, client} = setup;
	const {shas} = world.repo;
	// Argo CD syncs every new commit of the repository (shop's last one included): its last sync is at HEAD.
	const syncedCommits = ['payments', 'payments-memory', 'payments-hpa', 'payments-fraud-rules', 'shop-1.27'] as const;
	return deployArgoApp(setup, {
		name: 'payments',
		headSha: world.repo.head,
		syncs: syncedCommits.map(name => ({sha: shas[name], startedAt: commitTime(world, name, 2), finishedAt: commitTime(world, name, 3)})),
		missing: ['ConfigMap/fraud-rules'],
		drifted: ['Deployment/api'],
		drift: async objects => client.scale(refOf(find(objects, 'Deployment/api')), 3, autoscalerManager),
		reconciledAt: minutesBefore(world.anchor, 2),
	});
}

async function setUpProdUs(setup: ClusterSetup): Promise<void> {
	const {world} = setup;
	const {shas} = world.repo;
	// A source fetching every two hours: it last fetched before the nginx 1.27 commit, so shop here is one commit behind.
	const fetchedAt = minutesBefore(world.anchor, 40);
	const fetched = commitAt(world.commits, 40).name;
	await installFluxSource(setup, {sha: shas[fetched], fetchedAt, interval: demoIntervals.prodUsSource});
	await deployFluxApp(setup, {
		app: 'shop',
		targetNamespace: 'shop',
		interval: demoIntervals.shopUs,
		applied: [
			{sha: shas['shop-1.26'], at: commitTime(world, 'shop-1.26', 4)},
			{sha: shas[fetched], at: minutesBefore(world.anchor, 39)},
		],
	});
}

async function setUpStaging(setup: ClusterSetup): Promise<void> {
	const {world, client, sandbox} = setup;
	const {shas, head} = world.repo;
	await installFluxSource(setup, {sha: head, fetchedAt: commitTime(world, 'shop-1.27', 1), interval: demoIntervals.source});
	// billing was last reconciled before Alice paused it: 2.3 is live, 2.4 waits in Git.
	const beforePause = commitAt(world.commits, billingPause.minutesAgo + 5).name;
	await deployFluxApp(setup, {
		app: 'billing',
		targetNamespace: 'billing',
		interval: demoIntervals.billing,
		applied: [{sha: shas[beforePause], at: minutesBefore(world.anchor, billingPause.minutesAgo + 5)}],
		pause: {by: billingPause.by, reason: billingPause.reason, at: minutesBefore(world.anchor, billingPause.minutesAgo)},
	});

	// checkout: 1.7.2 rolled out fine; the release candidate's image never pulls, so its rollout sticks.
	const deployer: Deployer = {engine: 'plain', app: 'checkout', namespace: 'checkout'};
	const good = await renderForDeployer(world.trees, shas['checkout-1.7.2'], 'apps/checkout', deployer);
	await applyObjects(client, good, managerOf(deployer));
	const deploymentType = sandbox.objects.resourceType('apps/v1', 'Deployment')!;
	const available = await waitUntil(() => isAvailable(sandbox.objects.get(deploymentType, 'checkout', 'checkout')), 10_000);
	if (!available) setup.log('demo: staging: checkout 1.7.2 was not available within 10 s; rolling out the next release anyway');
	const broken = await renderForDeployer(world.trees, shas['checkout-broken'], 'apps/checkout', deployer);
	await applyObjects(client, broken, managerOf(deployer));
	setup.log(`demo: staging: plain app checkout applied at ${shas['checkout-broken'].slice(0, 7)} (image never pulls)`);
}

/** A Deployment whose every replica is updated and available. */
function isAvailable(deployment: KubeObject | undefined): boolean {
	if (!deployment) return false;
	const spec = deployment['spec'] as {replicas?: number};
	const status = (deployment['status'] ?? {}) as {updatedReplicas?: number; availableReplicas?: number; observedGeneration?: number};
	const replicas = spec.replicas ?? 1;
	return (status.observedGeneration ?? 0) >= (deployment.metadata.generation ?? 0) && status.updatedReplicas === replicas && status.availableReplicas === replicas;
}

function find(objects: readonly KubeObject[], key: string): KubeObject {
	const found = objects.find(object => keyOf(object) === key);
	if (!found) throw new Error(`demo: ${key} was not rendered`);
	return found;
}
