// Types for ink-frame-caches.mjs (the build script is plain JavaScript; the test bundles with it).
import type {Plugin} from 'esbuild';

export declare const inkFrameCaches: Plugin;
