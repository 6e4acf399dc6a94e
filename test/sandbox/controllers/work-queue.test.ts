import {describe, expect, it} from 'vitest';
import {createWorkQueue} from '../../../source/sandbox/controllers/work-queue.js';
import {createManualClock} from '../../support/sandbox-controllers-helpers.js';

function setup() {
	const clock = createManualClock();
	const handled: string[] = [];
	const errors: string[] = [];
	const queue = createWorkQueue({
		scheduler: clock.scheduler,
		now: clock.now,
		handle(controller, key) {
			if (key === 'boom') throw new Error('bad object');
			handled.push(`${controller}:${key}`);
		},
		onError: (error, context) => errors.push(`${context}: ${(error as Error).message}`),
	});
	return {clock, queue, handled, errors};
}

describe('controller work queue', () => {
	it('runs on a later tick, once per key however often it was queued', () => {
		const t = setup();
		t.queue.enqueue('rs', 'shop/a');
		t.queue.enqueue('rs', 'shop/a');
		t.queue.enqueue('deploy', 'shop/a');
		expect(t.handled).toEqual([]);
		t.clock.advance(0);
		expect(t.handled).toEqual(['rs:shop/a', 'deploy:shop/a']);
	});

	it('keeps the earliest of several delayed requests for a key', () => {
		const t = setup();
		t.queue.enqueue('kubelet', 'shop/p', 500);
		t.queue.enqueue('kubelet', 'shop/p', 100);
		t.queue.enqueue('kubelet', 'shop/p', 300);
		expect(t.queue.pendingTimers()).toBe(1);
		t.clock.advance(99);
		expect(t.handled).toEqual([]);
		t.clock.advance(1);
		expect(t.handled).toEqual(['kubelet:shop/p']);
		t.clock.advance(1000);
		expect(t.handled).toEqual(['kubelet:shop/p']);
	});

	it('reports a failing item and carries on with the rest', () => {
		const t = setup();
		t.queue.enqueue('job', 'boom');
		t.queue.enqueue('job', 'shop/ok');
		t.clock.advance(0);
		expect(t.errors).toEqual(['job boom: bad object']);
		expect(t.handled).toEqual(['job:shop/ok']);
	});

	it('drops everything on stop and ignores later work', () => {
		const t = setup();
		t.queue.enqueue('a', 'now');
		t.queue.enqueue('a', 'later', 1000);
		t.queue.stop();
		expect(t.queue.pendingTimers()).toBe(0);
		expect(t.clock.pending()).toBe(0);
		t.queue.enqueue('a', 'after');
		t.clock.advance(5000);
		expect(t.handled).toEqual([]);
	});
});
