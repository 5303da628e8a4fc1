/**
 * What a pool's call did, said in the words the model says what it promises: `resolves [1, 2]`,
 * `rejects with RangeError: ...`. Comparing the two texts compares class, message, values, errors and cause
 * at once, and a failure reads as the two side by side.
 */
import { PoolMapError } from '../../src/pool.ts';
import { TaskError } from '../../src/runtime/errors.ts';
import { BoundExceeded, settlesWithin } from '../support/settles.ts';
import { poolMapErrorText, shown, showValues, taskErrorText } from './pool-map.ts';

export type Outcome = { readonly resolved: unknown } | { readonly rejected: unknown } | { readonly threw: unknown } | { readonly returned: unknown };

/**
 * Calls `start` and waits for its promise within `boundMs`. An async method's every refusal is a rejection,
 * never a throw: one that throws at once is an outcome of its own. A hang fails here, naming the call.
 */
export async function outcomeOf(start: () => unknown, boundMs: number, what: string): Promise<Outcome> {
  let returned: unknown;
  try {
    returned = start();
  } catch (error) {
    return { threw: error };
  }
  // Each operation the model awaits is async in the contract: a plain value, even the right one, is not its answer.
  if (typeof (returned as Partial<PromiseLike<unknown>> | undefined)?.then !== 'function') return { returned };
  try {
    return { resolved: await settlesWithin(Promise.resolve(returned), boundMs, what) };
  } catch (error) {
    if (error instanceof BoundExceeded) throw error;
    return { rejected: error };
  }
}

/**
 * Ours is the class; a look-alike of another class is told apart, even when it takes the name; and an
 * error's name is its class's (`error.name` is what a stack and `String(error)` show).
 */
function classOf(error: unknown): string {
  if (!(error instanceof Error)) return `a non-Error (${typeof error})`;
  const name = error.constructor.name;
  if (name === 'PoolMapError' && !(error instanceof PoolMapError)) return 'PoolMapError (not ours, nor a subclass)';
  if (name === 'TaskError' && !(error instanceof TaskError)) return 'TaskError (not ours, nor a subclass)';
  const kind = error instanceof PoolMapError ? 'PoolMapError' : name;
  return error.name === kind ? kind : `${kind} named ${JSON.stringify(error.name)}`;
}

export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return shown(error);
  if (error instanceof AggregateError) {
    const errors = (error.errors as unknown[]).map((each) =>
      each instanceof TaskError ? taskErrorText(each.item, each.message) : `${classOf(each)}: ${shown(each)}`,
    );
    const values = (error as Partial<PoolMapError>).values;
    const cause = error.cause === undefined ? 'none' : error.cause === error.errors[0] ? 'the first error' : shown(error.cause);
    const text = poolMapErrorText(error.message, Array.isArray(values) ? values : [], errors, cause);
    const kind = classOf(error);
    return kind === 'PoolMapError' ? text : text.replace('PoolMapError', `${kind}${Array.isArray(values) ? '' : ' (no values)'}`);
  }
  return `${classOf(error)}: ${error.message}${error.cause === undefined ? '' : `; cause ${shown(error.cause)}`}`;
}

/** What happened, as the model says what should. */
export function describe(outcome: Outcome): string {
  if ('threw' in outcome) return `throws at once, not a rejected promise: ${errorText(outcome.threw)}`;
  if ('rejected' in outcome) return `rejects with ${errorText(outcome.rejected)}`;
  if ('returned' in outcome)
    return `returns ${Array.isArray(outcome.returned) ? showValues(outcome.returned) : String(outcome.returned)} at once, not a promise`;
  const { resolved } = outcome;
  if (resolved === undefined) return 'resolves';
  return `resolves ${Array.isArray(resolved) ? showValues(resolved) : String(resolved)}`;
}
