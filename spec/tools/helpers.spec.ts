/**
 * What the lessons give the learner ready-made (lessons/helpers.ts), where it is more than our runtime's
 * pieces (spec/runtime/): a runner refuses what it cannot do, saying what to do instead. A refusal the pool
 * lesson reads (a runner used once it has ended) carries the failure id its mistake is told by.
 */
import { afterEach, expect, it } from 'vitest';
import { failureIds } from '../../claims/failures.ts';
import { killAll } from '../../claims/support/process-table.ts';
import { echoTask } from '../../claims/tasks/echo.ts';
import { waitsForeverTask } from '../../claims/tasks/faults.ts';
import { startRunner, type TaskRef, type TaskRunner } from '../../lessons/helpers.ts';

const started: TaskRunner[] = [];
const runner = () => {
  const each = startRunner();
  started.push(each);
  return each;
};
afterEach(() => killAll(started.splice(0)));

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
