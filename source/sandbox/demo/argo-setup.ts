/**
 * Argo CD on a demo cluster: the `default` AppProject and one Application whose objects are applied as
 * Argo CD applies them (server-side, with its tracking marks), minus those someone has since removed, then
 * the controller's status as it stood when the demo begins (what it compared, what it synced before); the
 * simulated application controller carries on from there.
 */
import {splitApiVersion, type KubeObject} from '../../domain/kube-object.js';
import {
	application,
	applicationStatus,
	argoNamespace,
	argoServerManager,
	argoStatusManager,
	defaultProject,
	type ApplicationStatusInput,
	type ComparedResource,
} from './argo-objects.js';
import {applyObjects, managerOf, renderForDeployer, type Deployer} from './deploy.js';
import {refOf, type ClusterSetup} from './world.js';

/** What an Application deploys and how it stands. */
export type ArgoAppOptions = {
	name: string;
	/** The revision compared (main's HEAD) and rendered. */
	headSha: string;
	/** Syncs so far, oldest first. */
	syncs: ApplicationStatusInput['syncs'];
	/** `Kind/name` of desired objects that are not on the cluster (deleted by hand since the last sync). */
	missing: string[];
	/** `Kind/name` of objects that differ from Git once `drift` has run. */
	drifted: string[];
	/** Changes made after the sync by others (run before the status is written). */
	drift?: (objects: readonly KubeObject[]) => Promise<void>;
	reconciledAt: Date;
};

/** Installs the project and the Application, deploys it, writes its status as the controller last did. */
export async function deployArgoApp(setup: ClusterSetup, options: ArgoAppOptions): Promise<void> {
	const {client, world} = setup;
	await client.apply({apiVersion: 'v1', kind: 'Namespace', metadata: {name: argoNamespace}}, 'kubectl');
	await client.apply(defaultProject(), 'kubectl');
	const app = await client.apply(application(options.name, world.remoteUrl), argoServerManager);
	const deployer: Deployer = {engine: 'argo', application: options.name, namespace: options.name};
	const desired = await renderForDeployer(world.trees, options.headSha, `apps/${options.name}`, deployer);
	// CreateNamespace=true: Argo CD creates the destination namespace itself, without tracking it.
	await client.apply({apiVersion: 'v1', kind: 'Namespace', metadata: {name: options.name}}, managerOf(deployer));
	const present = desired.filter(object => !options.missing.includes(keyOf(object)));
	const applied = await applyObjects(client, present, managerOf(deployer));
	await options.drift?.(applied);

	const resources: ComparedResource[] = desired.map(object => {
		const missing = options.missing.includes(keyOf(object));
		const status = missing || options.drifted.includes(keyOf(object)) ? 'OutOfSync' : 'Synced';
		const health = missing ? 'Missing' : hasHealth(object) ? 'Healthy' : undefined;
		return health ? {object, status, health} : {object, status};
	});
	const input: ApplicationStatusInput = {
		name: options.name,
		repoUrl: world.remoteUrl,
		headSha: options.headSha,
		syncs: options.syncs,
		resources,
		health: resources.some(resource => resource.health === 'Missing') ? 'Missing' : 'Healthy',
		reconciledAt: options.reconciledAt,
		images: [...new Set(desired.flatMap(imagesOf))].sort(),
	};
	const write = (status: Record<string, unknown>) => client.mergePatch(refOf(app), {status}, argoStatusManager);
	await write(applicationStatus(input));
	setup.log(`demo: ${setup.name}: Argo CD Application ${options.name} applied ${applied.length} of ${desired.length} objects at ${options.headSha.slice(0, 7)}`);
}

/** `Kind/name`, how the scenario names an object of one app. */
export function keyOf(object: KubeObject): string {
	return `${object.kind}/${object.metadata.name ?? ''}`;
}

/** Kinds Argo CD assesses health for (ConfigMaps and Secrets have none). */
function hasHealth(object: KubeObject): boolean {
	const {group} = splitApiVersion(object.apiVersion);
	return group === 'apps' || group === 'autoscaling' || object.kind === 'Service';
}

function imagesOf(object: KubeObject): string[] {
	const containers = ((object['spec'] as {template?: {spec?: {containers?: Array<{image?: string}>}}} | undefined)?.template?.spec?.containers ?? []);
	return containers.flatMap(container => (container.image ? [container.image] : []));
}
