import { setTimeout as sleep } from 'node:timers/promises';
import { stillAlive } from '../../src/alive.ts';
import { spawnCost } from './spawn-cost.ts';

/**
 * The most a join or map over these tasks may take: their own durations run one after another, plus a
 * generous start-up for each runner (twenty times what one costs here, now) and five seconds. A correct
 * implementation settles far sooner; one that hangs on a dead child never does.
 */
export async function boundFor(durationsMs: readonly number[]): Promise<number> {
  const work = durationsMs.reduce((a, b) => a + b, 0);
  return work + 20 * durationsMs.length * (await spawnCost()) + 5_000;
}

/** `promise` itself if it settles within `boundMs`; otherwise an error saying what did not. Never a hang. */
export async function settlesWithin<T>(promise: Promise<T>, boundMs: number, what: string): Promise<T> {
  const timeout = new AbortController();
  const bound = sleep(boundMs, undefined, { signal: timeout.signal }).then(
    () => Promise.reject(new Error(`${what} did not settle within ${Math.round(boundMs)} ms`)),
    () => new Promise<never>(() => {}),
  );
  try {
    return await Promise.race([promise, bound]);
  } finally {
    timeout.abort();
  }
}

/** Resolves once every child and worker this project started has ended; fails naming any left after `boundMs`. */
export async function nothingLeft(boundMs = 5_000): Promise<void> {
  for (let waited = 0; stillAlive().length > 0; waited += 20) {
    if (waited >= boundMs) throw new Error(`Still running after ${boundMs} ms: ${stillAlive().join('; ')}`);
    await sleep(20);
  }
}
