/** The scheduler itself: it runs real threads one Atomics step at a time, in the order chosen, and tells what happened. */
import { describe, expect, it } from 'vitest';
import { ours } from './properties/schedules.ts';
import { fromChoices, Scheduler, story } from './scheduler/scheduler.ts';

const judged = new URL('./tasks/judged.ts', import.meta.url).href;
const silentRelease = { module: new URL('../fixtures/locks.ts', import.meta.url).href, name: 'SilentReleaseLock' };

describe('The scheduler', () => {
  it('runs the threads in the order chosen: the last to store its number wins, and a recorded schedule replays the same story', async () => {
    const memory = { cell: new SharedArrayBuffer(4) };
    const scheduler = await Scheduler.start(
      memory,
      [1, 2].map((number) => ({ module: judged, name: 'storeOwnNumber', args: [number] })),
    );
    try {
      const cell = () => new Int32Array(memory.cell)[0];
      const first = await scheduler.run(fromChoices([1, 0]));
      expect(story(first)).toBe('thread 2 stores 2 in cell, thread 1 stores 1 in cell');
      expect(cell()).toBe(1);
      const again = await scheduler.run(fromChoices(first.choices));
      expect(story(again)).toBe(story(first));
      await expect(scheduler.run(fromChoices([2]))).rejects.toThrow('Schedule 2: thread 3 cannot take step 1');
      const all = [];
      for await (const execution of scheduler.explore(0)) all.push(story(execution));
      expect(all.sort()).toEqual(['thread 1 stores 1 in cell, thread 2 stores 2 in cell', 'thread 2 stores 2 in cell, thread 1 stores 1 in cell']);
    } finally {
      await scheduler.close();
    }
  });

  it('reports a deadlock at once, with the steps that led to it, and goes on: its threads unwind', async () => {
    const memory = { lock: new SharedArrayBuffer(4), inside: new SharedArrayBuffer(4) };
    const threads = [1, 2].map(() => ({ module: judged, name: 'holdLock', args: [silentRelease, 1] }));
    const scheduler = await Scheduler.start(memory, threads);
    try {
      // Thread 1 takes the lock; thread 2 finds it taken and waits; thread 1 releases it without a notify.
      const execution = await scheduler.run(fromChoices([0, 1, 1]));
      // 'deadlock' is said when no thread can go on; a thread waited out at a timeout would be 'stuck'.
      expect(execution.outcome).toBe('deadlock');
      expect(story(execution)).toMatch(
        /^thread 1 compare-exchanges lock from 0 to \d+: it was 0, thread 2 compare-exchanges lock from 0 to \d+: it was \d+, thread 2 waits on lock while it is \d+, .*thread 1 compare-exchanges lock from \d+ to 0: it was \d+: deadlock$/,
      );
      expect((await scheduler.run()).outcome).toBe('finished');
      expect(scheduler.restarts, 'workers replaced, rather than their threads unwound').toBe(0);
    } finally {
      await scheduler.close();
    }
  });

  it('replaces a thread that does not come back once its deadlocked execution is abandoned, and goes on', async () => {
    const memory = { lock: new SharedArrayBuffer(4), inside: new SharedArrayBuffer(4) };
    const holder = { module: judged, name: 'holdLock', args: [silentRelease, 1] };
    const stubborn = { module: judged, name: 'acquireStubbornly', args: [silentRelease] };
    const scheduler = await Scheduler.start(memory, [holder, stubborn]);
    try {
      // As above: thread 2 sleeps, and thread 1's release wakes nobody. Thread 2 then swallows every error.
      expect((await scheduler.run(fromChoices([0, 1, 1]))).outcome).toBe('deadlock');
      expect((await scheduler.run()).outcome).toBe('finished');
      expect(scheduler.restarts, 'workers replaced').toBe(1);
    } finally {
      await scheduler.close();
    }
  });

  it("lets a wait's timeout expire when the schedule says so, and time moves to its deadline: acquire(50) then fails, naming the holder", async () => {
    const memory = { lock: new SharedArrayBuffer(4), inside: new SharedArrayBuffer(4) };
    const threads = [1, 2].map(() => ({ module: judged, name: 'holdLock', args: [ours.Lock, 1, 50] }));
    const scheduler = await Scheduler.start(memory, threads);
    try {
      // Thread 1 takes the lock; thread 2 waits for it, and its timeout expires before thread 1 lets go.
      const execution = await scheduler.run(fromChoices([0, 1, 1, 1]));
      expect(execution.outcome).toBe('finished');
      expect(story(execution)).toContain('thread 2 stops waiting: its timeout expired');
      expect(execution.errors).toEqual([undefined, undefined]);
    } finally {
      await scheduler.close();
    }
  });

  it('says at once that a judged thread cannot run, when its function does not exist', async () => {
    const scheduler = await Scheduler.start({ cell: new SharedArrayBuffer(4) }, [{ module: judged, name: 'noSuchFunction' }]);
    try {
      await expect(scheduler.run()).rejects.toThrow(/A judged thread cannot run: .*judged\.ts has no exported function named "noSuchFunction"/);
    } finally {
      await scheduler.close();
    }
  });
});
