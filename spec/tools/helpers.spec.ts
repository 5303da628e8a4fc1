/**
 * What the lessons give the learner ready-made (lessons/helpers.ts), over our runtime's pieces (src/runtime/):
 * `todo` says what is not written yet; a child runs one task and ends, settling as its task did, its output
 * taken when asked; a runner runs tasks one at a time and refuses what it cannot do, saying what to do
 * instead. A refusal the pool lesson reads (a runner used once it has ended) carries the failure id its
 * mistake is told by.
 */
import { afterEach, expect, it } from 'vitest';
import { failureIds } from '../../claims/failures.ts';
import { killAll } from '../../claims/support/process-table.ts';
import { echoTask } from '../../claims/tasks/echo.ts';
import { type Act, performTask, printThenEndTask, waitsForeverTask } from '../../claims/tasks/faults.ts';
import { startChild, startRunner, type TaskRef, type TaskRunner, todo } from '../../lessons/helpers.ts';

const started: TaskRunner[] = [];
const runner = () => {
  const each = startRunner();
  started.push(each);
  return each;
};
afterEach(() => killAll(started.splice(0)));

it('todo: what the starting file still asks for, in the words the judge reads', () => {
  expect(() => todo('start(): start a child')).toThrow(new Error('Not written yet: start(): start a child'));
});

it('a child runs its task once and ends: ended settles as the task did; its output is taken when asked', async () => {
  const succeeds = startChild(performTask, [{ behaviour: 'succeed', value: 1 } satisfies Act]);
  expect(succeeds.pid).toBeGreaterThan(0);
  await expect(succeeds.ended).resolves.toBeUndefined();
  await expect(startChild(performTask, [{ behaviour: 'throw', value: 2 }]).ended).rejects.toThrow('download 2 failed');
  let printed = '';
  await startChild(printThenEndTask, [{ lines: 2, width: 1, ending: 'return' }], { onStdout: (chunk) => (printed += chunk) }).ended;
  expect(printed).toBe('0 x\n1 x\n');
});

it("a runner's task that throws: run rejects with its error", async () => {
  await expect(runner().run(performTask, { behaviour: 'throw', value: 3 })).rejects.toThrow('download 3 failed');
});

it('a runner runs one task at a time: a second before the first has settled is refused, naming the runner', async () => {
  const one = runner();
  void one.run(waitsForeverTask as TaskRef<[unknown], never>, undefined).catch(() => {});
  await expect(one.run(echoTask, 1)).rejects.toThrow(
    new Error(`Runner ${one.pid} is still running a task: a runner runs one task at a time; await run() before the next`),
  );
});

it('a runner that has ended runs nothing more: it says so, and the pool lesson is told by its failure id', async () => {
  const one = runner();
  expect(await one.run(echoTask, 'once')).toBe('once');
  await one.stop();
  expect(one.ended).toBe(true);
  const refused = await one.run(echoTask, 'twice').catch((error: unknown) => error);
  expect(refused).toEqual(new Error(`Runner ${one.pid} has ended: start another with startRunner()`));
  expect(failureIds(refused)).toEqual(['runner.reused-after-end']);
});
