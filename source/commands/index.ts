import type {Command} from './command.js';
import {sandboxCommand} from './sandbox.js';
import {demoCommand} from './demo.js';
import {contextsCommand} from './contexts.js';
import {statusCommand} from './status.js';
import {diffCommand} from './diff.js';
import {tuiCommand} from './tui.js';
import {journalCommand} from './journal.js';
import {reconcileCommand} from './reconcile.js';
import {suspendCommand} from './suspend.js';
import {resumeCommand} from './resume.js';
import {rollbackCommand} from './rollback.js';
import {auditCommand} from './audit.js';

/** Every subcommand, in the order --help lists them. */
export const commands: Command[] = [tuiCommand, demoCommand, statusCommand, diffCommand, contextsCommand, reconcileCommand, suspendCommand, resumeCommand, rollbackCommand, journalCommand, auditCommand, sandboxCommand];

export function findCommand(name: string): Command | undefined {
	return commands.find(c => c.name === name);
}
