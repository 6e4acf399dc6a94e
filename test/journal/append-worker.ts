/**
 * A child process for the concurrency test: waits at a barrier file, then appends COUNT records as ACTOR (halfway
 * waiting for the other process's first entry).
 * Bundled by the test with esbuild and run with plain node, so it is a real separate process.
 */
import {existsSync, writeFileSync} from 'node:fs';
import {openJournal} from '../../source/journal/journal-file.js';

const [file, actor, count, barrier] = process.argv.slice(2) as [string, string, string, string];

async function main(): Promise<void> {
	writeFileSync(`${barrier}.${actor}.ready`, '');
	while (!existsSync(barrier)) await new Promise(resolve => setTimeout(resolve, 5));
	const journal = openJournal({path: file, now: () => new Date()});
	for (let n = 1; n <= Number(count); n++) {
		await journal.append({actor, action: 'reconcile', app: `app-${n}`, parameters: {n}, outcome: {status: 'done'}, objects: []});
		// An action does some work between two entries; without it one process could keep the lock to itself.
		await new Promise(resolve => setTimeout(resolve, Math.random() * 4));
		// Halfway, wait for the other process to have appended: the two surely overlap, however slow either starts.
		if (n === Math.floor(Number(count) / 2)) {
			while (!(await journal.read()).some(entry => entry.actor !== actor)) await new Promise(resolve => setTimeout(resolve, 5));
		}
	}
}

main().catch(error => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
