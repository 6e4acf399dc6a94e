/**
 * Imported first by cli.tsx, before Ink loads: Ink decides once, at load, from the CI variables, to draw
 * nothing until exit "because this is CI". A full-screen TUI on a real terminal is interactive whatever CI
 * says (an operator debugging inside a CI job, a runbook shell that exports CI=true), so on a terminal we
 * drop those variables for this process. Pipes and scripts keep them: they get the status table anyway.
 */
if (process.stdout.isTTY && process.stdin.isTTY) {
	delete process.env['CI'];
	delete process.env['CONTINUOUS_INTEGRATION'];
}

export {};
