/**
 * The action engine as the TUI sees it: structurally the same as `actions/`' ActionRunner, declared here because
 * state and ui may not import `actions/` (the layer map). `commands/tui.ts` hands the real one in through the
 * FleetSource; screen tests pass a fake that emits the same stages.
 */
import type {ActionEvent, ActionRequest, ActionResult, Confirmation} from '../domain/action.js';

/** How one run is driven: the confirmation callback, the stage listener, and the escape hatches. */
export type ActionRunOptions = {
	confirm: Confirmation;
	onEvent?: (event: ActionEvent) => void;
	dryRun?: boolean;
	force?: boolean;
	signal?: AbortSignal;
};

/** Runs one operator action stage by stage; resolves with its result (refusals and failures are results too). */
export type ActionRunner = {run(request: ActionRequest, options: ActionRunOptions): Promise<ActionResult>};
