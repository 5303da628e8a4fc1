/**
 * Schedules: how one chooses the thread that takes each step, and how it is written down, as an
 * execution's `choices` and as `SCHEDULE=` takes it (the thread, counted from 0, that takes each step).
 */
import process from 'node:process';

/** Chooses the next thread among those enabled, at step `k`; the thread that took the last step comes first, `previous`. */
export type Pick = (enabled: readonly number[], k: number, previous: number | undefined) => number;

/** Without a choice: the thread that went last goes on while it can (no preemption), else the first that can. */
export const carryOn: Pick = (enabled, _k, previous) => (previous !== undefined && enabled.includes(previous) ? previous : (enabled[0] as number));

/** A schedule as fast-check generates it: any list of numbers, each picking among the threads enabled at its step. */
export function fromNumbers(numbers: readonly number[]): Pick {
  return (enabled, k, previous) => (k < numbers.length ? (enabled[(numbers[k] as number) % enabled.length] as number) : carryOn(enabled, k, previous));
}

/** A replayed schedule that does not fit these threads: it was recorded of others. */
export class ScheduleMisfit extends Error {
  override name = 'ScheduleMisfit';
}

/** A schedule as an execution recorded it (`choices`): it replays that execution. */
export function fromChoices(choices: readonly number[]): Pick {
  return (enabled, k, previous) => {
    if (k >= choices.length) return carryOn(enabled, k, previous);
    const thread = choices[k] as number;
    if (!enabled.includes(thread)) throw new ScheduleMisfit(`Schedule ${choices.join(',')}: thread ${thread + 1} cannot take step ${k + 1}`);
    return thread;
  };
}

/**
 * `SCHEDULE=1,0,0,1 npx vitest run spec/schedules.spec.ts -t <claim>` replays one schedule before
 * exploring the others; `-t` picks the property it fits. `1*40` is thread 1 forty times in a row: a
 * livelock's schedule is thousands of steps long.
 */
export function parseSchedule(text: string): number[] {
  return text.split(',').flatMap((each) => {
    const [thread, times = '1'] = each.split('*');
    return new Array<number>(Number(times)).fill(Number(thread));
  });
}

/** A schedule as SCHEDULE= takes it: runs of one thread longer than three as `thread*times`. */
export function scheduleText(choices: readonly number[]): string {
  const runs: string[] = [];
  for (let k = 0; k < choices.length; ) {
    let end = k;
    while (choices[end + 1] === choices[k]) end += 1;
    const times = end - k + 1;
    runs.push(times > 3 ? `${choices[k]}*${times}` : new Array(times).fill(choices[k]).join(','));
    k = end + 1;
  }
  return runs.join(',');
}

/** The schedule SCHEDULE= asks to replay, if it asks. */
export const replayedSchedule = (): number[] | undefined => (process.env.SCHEDULE === undefined ? undefined : parseSchedule(process.env.SCHEDULE));
