/**
 * What a property saw go wrong, by a stable name. A property raises its failure with one of these ids
 * (a KnownFailure, or an assertion `tagged` with it), and a lesson (lessons/N-name/lesson.ts) names the
 * learner's mistake by the id: the words of a failure may change freely, and a misspelt id is a type error.
 * An id says what was seen, not what the learner did: each lesson tells what it means in its own class.
 */
export const failures = {
  // Process: start() and join() (claims/properties/process.ts, output.ts, faults.ts, liveness.ts; claims/models/process.ts).
  'start.waited': 'a download ended before every one had started, or they never were all running at once',
  'join.returned-early': 'join returned while a download it should have waited for still ran',
  'process.wrong-pid': "a child printed a pid other than its Process's, or two printed the same, or the parent's",
  'join.hid-failure': "join resolved, or rejected with something else, though the child's task failed",
  'join.output-wrong': "join settled before the child's output was whole, or with output that was not the child's",
  'join.never-settled': 'join did not settle within its bound',
  'join.gave-up-on-a-timer': 'join settled while its child was held at a rendezvous, the clock hours ahead: it waited for a timer or a time, not for the child',
  'join.outcome-changed': 'a second join settled otherwise than the first, though both waited for the same child',
  'runners.left-running': 'children or workers were still running once the runners had been ended',
  'program.uncaught-error': 'a program using the class died of an error nobody caught (exit code 1)',
  // Pool: map (claims/properties/pool.ts, faults.ts; lessons/helpers.ts).
  'map.settled-early': 'map settled while a task was still running',
  'map.results-out-of-order': "map's results were not in its items' order",
  'map.too-many-at-once': 'more tasks ran at once, or more runners were used, than the size',
  'map.too-few-at-once': 'fewer tasks ran at once than the size allows',
  'map.rejected-at-first-failure': 'map rejected with something other than a PoolMapError of every failure',
  'map.errors-name-no-item': "map's errors included one that names no item",
  'map.succeeded-item-failed': 'an item whose task succeeded has no result, or an error',
  'map.never-settled': 'map did not settle within its bound',
  'runner.reused-after-end': 'a runner whose child had ended was given a task',
  // Pool's contract (claims/models/pool.ts).
  'map.wrong-results': 'map settled with other results, or another error, than ours for the same items',
  'pool.end-refused': 'ending the pool (terminate(), or disposing of it) did not resolve, when called again or after what came before',
  // Shared counter (claims/properties/schedules.ts, witness.ts).
  'counter.returned-count-after': 'fewer lines were printed: increment returned the count after adding, not before',
  'counter.stored-unread-count': 'a thread stored into the counter a count it had not read there',
  'counter.count-elsewhere': "the counter's shared memory still held 0: the count was kept somewhere else",
  'counter.increments-lost': 'increments were lost: more lines were printed than the limit, or the hammer saw a forbidden outcome',
  // Lock and Account (claims/properties/schedules.ts, witness.ts; claims/tasks/judged.ts, run in the scheduler's threads).
  'schedule.deadlock': 'no thread can go on, yet some have not finished',
  'schedule.livelock': 'the threads took the most steps allowed without finishing',
  'schedule.stuck-thread': 'a thread ran for 5 s between two steps without coming back',
  'lock.never-gave-up': 'a thread asking with a timeout for a lock held all along never gave up',
  'lock.gave-up-early': "acquire gave up before its timeout's time had passed",
  'lock.two-holders': 'two threads held the lock at once',
  'lock.release-not-refused': 'a thread released a lock it did not hold, and nobody stopped it',
  'lock.released-unheld': 'a thread released a lock that no thread held (released twice?)',
  'lock.still-held': 'every thread finished, yet the lock is still held',
  // SharedCounter and Lock, as their models see them (claims/models/shared-counter.ts, lock.ts).
  'counter.value-stale': 'a counter read again gave the count it had before, though the count had moved',
  'counter.not-shared': 'a counter over the same buffer, in this thread or another, saw another count',
  'counter.default-not-new': 'a counter made without a buffer was not a new one at 0',
  'lock.taken-while-held': 'acquire took a lock another thread held',
  'lock.holder-release-refused': "the holder's release, through another Lock over the same buffer, was refused",
  'lock.free-release-not-refused': 'a release of a free lock was not refused',
  'lock.gave-up-late': 'acquire(timeoutMs) on a held lock gave up well after its time, or not at all',
  'lock.try-waited': 'acquire(0) on a held lock waited instead of giving up at once',
  'lock.wrong-timeout-error': 'a timed-out acquire threw something other than a LockTimeoutError',
  'lock.timeout-says-nothing': 'a timed-out acquire threw an error with an empty message',
  'lock.refusal-says-nothing': 'a refused release threw an error with an empty message',
  'account.deposit-lost': 'the balance is not the sum of the deposits',
  'account.error-swallowed': 'a deposit that threw returned as if it had succeeded',
  // Account's contract (claims/models/account.ts).
  'account.bad-money-accepted': 'a deposit of bad money (not a whole number of yen, 0 or more, or past MAX_SAFE_INTEGER) was not refused with our RangeError',
  'account.lock-not-waited': "a deposit went ahead while another thread held the account's lock",
} as const;

export type FailureId = keyof typeof failures;

/** Where an error keeps its id: not enumerable, so that what vitest prints of an error is as it was. */
const key = 'failureId';

/** An error a property raises, with the id of what it saw. */
export class KnownFailure extends Error {
  declare readonly failureId: FailureId;

  constructor(id: FailureId, message: string, options?: ErrorOptions) {
    super(message, options);
    Object.defineProperty(this, key, { value: id });
  }
}

/** `error`, given the id `id` (and `cause`, if it has none), unchanged otherwise: its message and stack stay as they were. */
export function withId<E>(error: E, id: FailureId, cause?: unknown): E {
  if (error instanceof Error) {
    Object.defineProperty(error, key, { value: id, configurable: true });
    if (cause !== undefined && error.cause === undefined) Object.defineProperty(error, 'cause', { value: cause, configurable: true });
  }
  return error;
}

/**
 * Runs an assertion (vitest's `expect`, say): if it fails, its error carries `id`, and `cause` (what it
 * judged, whose own id may say more). Without an id it is the assertion alone.
 */
export function tagged<T>(id: FailureId | undefined, assertion: () => T, cause?: unknown): T {
  if (id === undefined) return assertion();
  try {
    const result = assertion();
    return (result instanceof Promise ? result.catch((error: unknown) => Promise.reject(withId(error, id, cause))) : result) as T;
  } catch (error) {
    throw withId(error, id, cause);
  }
}

/**
 * Every id an error carries, outermost first: its own, then its cause's, and those of the errors it
 * gathers (an AggregateError's, a PoolMapError's). fast-check wraps a property's error: its cause is the
 * property's own.
 */
export function failureIds(error: unknown, seen = new Set<unknown>()): FailureId[] {
  if (typeof error !== 'object' || error === null || seen.has(error)) return [];
  seen.add(error);
  const own = (error as { [key]?: unknown })[key];
  const gathered = (error as { errors?: unknown }).errors;
  return [
    ...(typeof own === 'string' && own in failures ? [own as FailureId] : []),
    ...failureIds((error as { cause?: unknown }).cause, seen),
    ...(Array.isArray(gathered) ? gathered.flatMap((each) => failureIds(each, seen)) : []),
  ];
}

/** An id that crossed as data (a judged thread's, from scheduler/), if it is one of ours. */
export function knownId(id: string | undefined): FailureId | undefined {
  return id !== undefined && id in failures ? (id as FailureId) : undefined;
}
