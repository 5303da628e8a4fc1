/**
 * What `terminate()` promises a map in flight: it settles, never stays pending. An item that ended before
 * keeps its own outcome; one killed while it ran, or never run, fails saying so; and every failure is in
 * the one PoolMapError, as always. Which items ended first is the race's, so the model allows any split.
 */
import { PoolMapError } from '../../src/pool.ts';
import { TaskError } from '../../src/runtime/errors.ts';
import type { Outcome } from './outcome.ts';
import { callOf, type ModelAct, ownFailure } from './pool-map.ts';

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Why `outcome` is not what terminate() may make of a map of `acts`, or undefined if it is. */
export function cutShortWrongly(acts: readonly ModelAct[], outcome: Outcome): string | undefined {
  if (!('rejected' in outcome)) return 'a map cut short by terminate() rejects with a PoolMapError';
  const error = outcome.rejected;
  if (!(error instanceof PoolMapError)) return 'a map cut short by terminate() rejects with a PoolMapError';
  if (error.values.length !== acts.length) return `its values has one place per item (${acts.length}), not ${error.values.length}`;
  const items = error.errors.map((each) => (each instanceof TaskError ? each.item : undefined));
  if (items.some((item, at) => item === undefined || (at > 0 && item <= (items[at - 1] as number)))) {
    return 'its errors are TaskErrors, each naming its item, in input order, one per item';
  }
  const first = error.errors[0];
  if (error.message !== `${error.errors.length} of ${acts.length} tasks failed; the first: ${first?.message}`)
    return 'its message counts the failures and says the first';
  if (error.cause !== first) return 'its cause is the first error';
  for (const [item, act] of acts.entries()) {
    const failure = error.errors.find((each) => each.item === item);
    if (failure === undefined) {
      if (act.behaviour === 'throw' || error.values[item] !== act.value) return `item ${item} either keeps its own outcome or fails`;
      continue;
    }
    const cut = new RegExp(`^${escaped(callOf(act))} \\(item ${item}\\) (did not finish: .+|never ran: the pool was terminated)$`, 's');
    if (error.values[item] !== undefined) return `item ${item} failed, so its value is undefined`;
    if (failure.message !== ownFailure(act, item) && !cut.test(failure.message)) {
      return `item ${item} fails with its own error, or says it was killed or never ran; it said: ${failure.message}`;
    }
  }
  return undefined;
}
