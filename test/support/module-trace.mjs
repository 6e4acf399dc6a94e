// `node --import <this file> dist/cli.js …` notes every module the run loads (see module-trace-hooks.mjs).
import {register} from 'node:module';

register('./module-trace-hooks.mjs', import.meta.url);
