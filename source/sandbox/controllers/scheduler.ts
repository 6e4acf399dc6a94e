/**
 * The timer seam of the simulated controllers: tests pass a manual scheduler and a matching clock to step
 * through rollouts deterministically; the demo uses the real timers.
 */

/** A setTimeout/clearTimeout pair; handles are opaque. */
export type Scheduler = {
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
};

/** The process's own timers. */
export function systemScheduler(): Scheduler {
	return {
		setTimeout: (callback, ms) => setTimeout(callback, ms),
		clearTimeout: handle => clearTimeout(handle as ReturnType<typeof setTimeout>),
	};
}

/**
 * How long each simulated step takes, in ms: quick enough that tests see a rollout converge well within a
 * second or two, slow enough that the demo shows Pending and ContainerCreating on the way.
 */
export type Delays = {
	/** Pod created → bound to the node. */
	schedule: number;
	/** Bound → containers being created (image pull starts). */
	create: number;
	/** Image pulled → containers running and ready (or ErrImagePull for a broken image). */
	start: number;
	/** ErrImagePull → ImagePullBackOff. */
	backOff: number;
	/** First retry of a failed pull; doubles up to pullRetryMax. */
	pullRetry: number;
	pullRetryMax: number;
	/** Running → a run-to-completion container (restartPolicy Never/OnFailure) exits. */
	run: number;
	/** A failed Job pod is replaced after this, doubling per failure up to jobBackoffMax. */
	jobBackoff: number;
	jobBackoffMax: number;
	/** Service/Ingress created → load-balancer address in status. */
	loadBalancer: number;
};

/** The delays the sandbox runs with. Retries are far shorter than a kubelet's (10 s doubling to 5 min). */
export function defaultDelays(): Delays {
	return {
		schedule: 20,
		create: 40,
		start: 150,
		backOff: 100,
		pullRetry: 10_000,
		pullRetryMax: 300_000,
		run: 1000,
		jobBackoff: 1000,
		jobBackoffMax: 10_000,
		loadBalancer: 200,
	};
}
