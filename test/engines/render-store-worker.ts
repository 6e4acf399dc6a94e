/**
 * A process writing one render store entry over and over (render-store.test.ts runs several at once): argv is the
 * store folder, the key, a JSON file holding the render to write, and how many times.
 */
import {readFileSync} from 'node:fs';
import {createRenderStore} from '../../source/engines/render-store.js';

const [dir, key, resultFile, times] = process.argv.slice(2);
const result = JSON.parse(readFileSync(resultFile!, 'utf8'));
const store = createRenderStore({dir: dir!, identity: async () => 'worker-test-identity'});
for (let i = 0; i < Number(times); i++) await store.write(key!, result);
await store.settled();
