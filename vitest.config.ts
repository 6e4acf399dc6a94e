import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		// The machines are shared and have two cores; sandbox and git tests do real I/O.
		testTimeout: 30_000,
		hookTimeout: 30_000,
		pool: 'forks',
	},
});
