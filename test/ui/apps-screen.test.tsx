import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import type {AppStatus} from '../../source/domain/app.js';
import type {AppRow} from '../../source/state/selectors.js';
import {AppsScreen} from '../../source/ui/apps-screen.js';
import {visibleWindow} from '../../source/ui/window.js';

function rows(count: number): AppRow[] {
	return Array.from({length: count}, (_, index) => {
		const app: AppStatus = {
			name: `app-${String(index).padStart(5, '0')}`,
			engine: 'flux',
			context: `ctx-${index % 3}`,
			namespace: 'default',
			sync: 'Synced',
			controllerSync: 'Synced',
			health: 'Healthy',
			revision: {deployed: 'abcdef1234', head: 'abcdef1234', behind: 0},
			autoSync: {enabled: true},
			resources: [],
		};
		return {id: app.name, app, groupFirst: true, groupSize: 1, revisionsDiffer: false};
	});
}

describe('the apps list with thousands of rows', () => {
	it('renders only the rows that fit, around the cursor, and says where it is', () => {
		const {lastFrame} = render(<AppsScreen rows={rows(5000)} cursor={2500} height={18} columns={80} loading={false} />);
		const frame = lastFrame() ?? '';
		const lines = frame.split('\n');
		expect(lines.length).toBeLessThanOrEqual(18);
		expect(frame).toContain('› app-02500');
		expect(frame).not.toContain('app-00000');
		expect(frame).toMatch(/\d+-\d+ of 5000/);
	});

	it('keeps the cursor visible at both ends', () => {
		expect(visibleWindow({count: 5000, cursor: 0, height: 10})).toEqual({start: 0, end: 10});
		expect(visibleWindow({count: 5000, cursor: 4999, height: 10})).toEqual({start: 4990, end: 5000});
		expect(visibleWindow({count: 5, cursor: 3, height: 10})).toEqual({start: 0, end: 5});
	});
});
