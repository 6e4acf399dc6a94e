// Where a run's CPU time went: a .cpuprofile (node --cpu-prof) folded into the pipeline's stages. Each sample goes
// to the innermost frame on its stack that names a stage, so JSON.parse under a list counts as listing and YAML
// parsing under a render as rendering; garbage collection and idle time are their own rows.
import {readFileSync} from 'node:fs';

const stages = [
	['listing and projecting live objects', /^(listResource|project|shapeOf|summarise|readBody|readAppsLive|readKind|readById)$/],
	['rendering (reading files, parsing YAML)', /^(renderApp|renderPath|renderPlainDirectory|renderKustomize|parseYamlDocuments|collectObjects)$/],
	['kept renders (render keys, reading and writing the render store)', /^(renderKeyOf|readStoredRender|writeStoredRender|trimStore)$/],
	['preparing (pairing, ownership, decorating)', /^(prepareApp|appLiveObjects|decorateDesired|ownedObjects)$/],
	['judging (field-by-field comparison, health)', /^(judgePrepared|judgeApp|judgePair|pairResources)$/],
	['discovering apps and reading settings', /^(discoverApps|readSettings|parseSettings)$/],
	['commits behind and the tree (git)', /^(revisionInfo|loadTree|treeAt|loadGitRepo)$/],
	['last-known-good store', /^(keepLastKnownGood)$/],
	['exact: sending the dry-runs, reading their answers', /^(dryRunPair|forApp|serverSideApply)$/],
	['writing the output', /^(statusDocument|terminalSafeJson|formatStatusTable|render)$/],
];

/** Work that runs in callbacks, where the stack no longer says which stage asked for it. */
const leaves = [
	['file system calls (reading the tree: mostly rendering)', /^(stat|lstat|fstat|realpath|readdir|open|openFileHandle|close|read|readFileHandle|writeFile|rename|mkdir)$/],
	['starting processes (kustomize, git)', /^(spawn|ChildProcess\.spawn)$/],
	['HTTPS and TLS (sockets, parsing answers)', /^(socketOnData|onStreamRead|readableAddChunkPushByteMode|addChunk|TLSSocket\..*|onConnectSecure|ssl\..*|createSecureContext|request|ClientRequest)$/],
];

/** Shares of the profile's time per stage, largest first: [{stage, ms, share}]. */
export function profileShares(file) {
	const profile = JSON.parse(readFileSync(file, 'utf8'));
	const nodes = new Map(profile.nodes.map(node => [node.id, node]));
	const parent = new Map();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const stageOf = new Map();
	const classify = id => {
		if (stageOf.has(id)) return stageOf.get(id);
		const {functionName} = nodes.get(id).callFrame;
		let stage;
		if (functionName === '(garbage collector)') stage = 'garbage collection';
		else if (functionName === '(idle)') stage = 'idle (waiting for the servers, files and processes)';
		else stage = stages.find(([, pattern]) => pattern.test(functionName))?.[0] ?? (parent.has(id) ? classify(parent.get(id)) : undefined);
		// Callbacks run without the stack that started them: name them by what they are.
		stage ??= leaves.find(([, pattern]) => pattern.test(functionName))?.[0];
		stageOf.set(id, stage);
		return stage;
	};
	const leafStage = id => {
		const {functionName} = nodes.get(id).callFrame;
		return classify(id) ?? leaves.find(([, pattern]) => pattern.test(functionName))?.[0] ?? 'starting (modules, flags, kubeconfig) and the rest';
	};
	const totals = new Map();
	let total = 0;
	profile.samples.forEach((id, index) => {
		const delta = profile.timeDeltas[index] ?? 0;
		total += delta;
		const stage = leafStage(id);
		totals.set(stage, (totals.get(stage) ?? 0) + delta);
	});
	return [...totals]
		.map(([stage, micros]) => ({stage, ms: Math.round(micros / 1000), share: micros / total}))
		.sort((a, b) => b.ms - a.ms);
}
