/**
 * A judged thread's Atomics (scheduler/worker.ts) behave as the real ones do, one step at a time: every
 * operation and every answer of Atomics.wait, what a thread threw, an abandoned execution, and where each
 * step is asked from. The threads are fixtures/every-atomic.ts's.
 */
import { describe, expect, it } from 'vitest';
import { everyReadModifyWrite, waitAnswers } from '../fixtures/every-atomic.ts';
import { carryOn, type Execution, fromChoices, Scheduler, type SchedulerOptions, story } from '../scheduler/scheduler.ts';

const module = new URL('../fixtures/every-atomic.ts', import.meta.url).href;
const fresh = () => ({ cells: new SharedArrayBuffer(16), seen: new SharedArrayBuffer(40) });
type Memory = ReturnType<typeof fresh>;

/** Runs the named threads once with `run`, on fresh memory; what they left in memory is read before the scheduler closes. */
async function ran<T>(names: readonly string[], run: (scheduler: Scheduler, memory: Memory) => Promise<T>, options: SchedulerOptions = {}): Promise<T> {
  const memory = fresh();
  const scheduler = await Scheduler.start(
    memory,
    names.map((name) => ({ module, name })),
    options,
  );
  try {
    return await run(scheduler, memory);
  } finally {
    await scheduler.close();
  }
}
const seen = (memory: Memory) => [...new Int32Array(memory.seen)];

describe('The scheduled Atomics', () => {
  it('make every read-modify-write as the real ones do, each a step, and leave what is not a step to the real ones', async () => {
    const real = fresh();
    everyReadModifyWrite(real);
    const [scheduled, execution] = await ran(['everyReadModifyWrite'], async (scheduler, memory) => {
      const execution = await scheduler.run();
      return [seen(memory), execution] as const;
    });
    expect(execution.errors).toEqual([undefined]);
    expect(scheduled).toEqual(seen(real));
    expect(execution.steps.map((step) => step.operation)).toEqual(['store', 'add', 'sub', 'and', 'or', 'xor', 'exchange', 'compareExchange', 'load']);
  });

  it("answer Atomics.wait as the real one does: 'not-equal' on a cell that differs, 'timed-out' once its timeout expires, 'ok' once notified", async () => {
    const [answers, execution] = await ran(['waitThreeWays', 'notifyThird'], async (scheduler, memory) => {
      const execution = await scheduler.run(fromChoices([0, 0, 0, 0, 1, 0]));
      return [seen(memory).slice(0, 3), execution] as const;
    });
    expect(story(execution)).toBe(
      'thread 1 finds cells is no longer 1, so does not wait, thread 1 waits on cells[1] while it is 0, thread 1 stops waiting: its timeout expired, ' +
        'thread 1 waits on cells[2] while it is 0, thread 2 notifies cells[2]: wakes thread 1, thread 1 wakes',
    );
    expect(answers.map((answer) => waitAnswers[answer - 1])).toEqual(['not-equal', 'timed-out', 'ok']);
  });

  it.each([
    { name: 'throwsAString', threw: { text: 'a string, not an Error' } },
    { name: 'throwsANumberedError', threw: { text: 'Error: numbered' } },
  ])('tell what a thread threw, an Error or not, carrying a failure id only if it is one of the claims (a string): $name', async ({ name, threw }) => {
    const execution = await ran([name], (scheduler) => scheduler.run());
    expect(execution.errors).toEqual([threw]);
  });

  it('never return to the judged code once its execution is abandoned, and unwind code that goes on after it at its next step, without replacing its worker', async () => {
    // A wait that no thread ends: the scheduler abandons the execution, and the wait throws, never returns.
    const [marked, deadlock] = await ran(['marksAfterWaiting'], async (scheduler, memory) => {
      const execution = await scheduler.run();
      return [seen(memory)[1], execution] as const;
    });
    expect(deadlock.outcome).toBe('deadlock');
    expect(marked, 'what the judged code does after its wait').toBe(0);
    // Code that catches that and asks for another step: the step throws at once, unmade.
    await ran(['goesOnWhenAbandoned'], async (scheduler, memory) => {
      expect((await scheduler.run()).outcome).toBe('deadlock');
      expect(seen(memory)[0], 'it caught the abandonment').toBe(1);
      expect(new Int32Array(memory.cells)[1], 'the step it asked for after').toBe(0);
      expect(scheduler.restarts, 'its thread came back unwound: its worker was not replaced').toBe(0);
      expect((await scheduler.run()).outcome, 'the next execution, on the same worker').toBe('deadlock');
    });
  });

  it.each([
    { name: 'stepsDeep', fns: [undefined, ...Array.from({ length: 13 }, () => 'nested'), 'stepsDeep'], how: 'an anonymous function thirteen calls deep' },
    { name: 'stepsAfterAwait', fns: ['storesAfterAwait', 'stepsAfterAwait'], how: 'a call resumed after an await, awaited by the judged function' },
    { name: 'stepsInATick', fns: [undefined], how: "a callback Node's own code calls, whose frames are left out" },
  ])('tell where a step is asked from, innermost call first, to the judged function: from $how', async ({ name, fns }) => {
    const execution: Execution = await ran([name], (scheduler) => scheduler.run(carryOn, 0), { locate: true });
    const [{ calls }] = execution.pending as [Execution['pending'][number]];
    expect(calls.map((call) => call.fn)).toEqual(fns);
    for (const call of calls) expect(call.url).toBe(module);
  });
});
