import { setImmediate as nextTurn } from 'node:timers/promises';
import { expect, test } from 'vitest';
import { SlicedQueue } from './slicedQueue.js';

/** A task of `steps` steps that each take `stepMs` of busy CPU, logging `name:step` as it goes. */
const busyTask = (log: string[], name: string, steps: number, stepMs: number) => {
  let step = 0;
  return (deadline: number) => {
    while (step < steps) {
      const until = performance.now() + stepMs;
      while (performance.now() < until);
      log.push(`${name}:${step++}`);
      if (step < steps && performance.now() >= deadline) return false;
    }
    return true;
  };
};

const fail = (error: unknown) => {
  throw error;
};

test('a task that fits runs at once, in the caller turn', () => {
  const log: string[] = [];
  new SlicedQueue(50, fail).run(busyTask(log, 'a', 3, 0));
  expect(log).toEqual(['a:0', 'a:1', 'a:2']);
});

test('work past the slice continues in later turns, in order, and later tasks wait behind it', async () => {
  const log: string[] = [];
  const queue = new SlicedQueue(5, fail);
  queue.run(busyTask(log, 'a', 6, 2));
  queue.run(busyTask(log, 'b', 2, 0));
  const firstTurn = log.length;
  expect(firstTurn).toBeGreaterThan(0);
  expect(firstTurn).toBeLessThan(6);
  expect(queue.length).toBe(2);
  for (let turn = 0; turn < 100 && queue.length > 0; turn++) await nextTurn();
  expect(log).toEqual(['a:0', 'a:1', 'a:2', 'a:3', 'a:4', 'a:5', 'b:0', 'b:1']);
});

test('a task that throws is dropped and reported, and the ones behind it still run', async () => {
  const log: string[] = [];
  const errors: unknown[] = [];
  const queue = new SlicedQueue(5, (error) => errors.push(error));
  queue.run(busyTask(log, 'a', 4, 3));
  queue.run(() => {
    throw new Error('boom');
  });
  queue.run(busyTask(log, 'c', 1, 0));
  // Reported, never thrown out of a later turn (where nothing would catch it).
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown) => uncaught.push(error);
  process.prependListener('uncaughtException', onUncaught);
  try {
    for (let turn = 0; turn < 100 && queue.length > 0; turn++) await nextTurn();
  } finally {
    process.off('uncaughtException', onUncaught);
  }
  expect(log).toEqual(['a:0', 'a:1', 'a:2', 'a:3', 'c:0']);
  expect(errors).toEqual([new Error('boom')]);
  expect(uncaught).toEqual([]);
});

test('clear drops what has not run', async () => {
  const log: string[] = [];
  const queue = new SlicedQueue(1, fail);
  queue.run(busyTask(log, 'a', 3, 2));
  queue.clear();
  await nextTurn();
  await nextTurn();
  expect(log).toEqual(['a:0']);
  expect(queue.length).toBe(0);
});

test('the slice is per turn: once it is spent, tasks run in the same turn wait for the next', async () => {
  const log: string[] = [];
  const queue = new SlicedQueue(3, fail);
  queue.run(busyTask(log, 'a', 1, 5));
  queue.run(busyTask(log, 'b', 1, 0));
  expect(log).toEqual(['a:0']);
  await nextTurn();
  expect(log).toEqual(['a:0', 'b:0']);
});

test('delayMs is how long the oldest task waiting or under way has been queued; 0 when empty', async () => {
  const queue = new SlicedQueue(1, fail);
  expect(queue.delayMs).toBe(0);
  // A task that does not finish keeps the queue behind until it is released.
  let released = false;
  queue.run(() => released);
  queue.run(() => true);
  const queuedAt = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(queue.delayMs).toBeGreaterThanOrEqual(performance.now() - queuedAt - 5);
  released = true;
  for (let turn = 0; turn < 100 && queue.length > 0; turn++) await nextTurn();
  expect(queue.length).toBe(0);
  expect(queue.delayMs).toBe(0);
});
