import { setTimeout as sleep } from 'node:timers/promises';
import { stillAlive } from '../../src/runtime/alive.ts';
import { type FailureId, withId } from '../failures.ts';
import { boundFor, shortenedBecause } from './bounds.ts';

/** What a property waited for did not come within its bound: a hang, named. */
export class BoundExceeded extends Error {
  override name = 'BoundExceeded';
}

/** Whether a test's failure, as vitest keeps it, was a hang: a BoundExceeded, or an error that carried its words. */
export function failedByHang(message: string): boolean {
  return message.includes(' did not settle within ') || message.startsWith('Still running after ');
}

/**
 * `promise` itself if it settles within `boundMs`; otherwise an error saying what did not (with `id`, if
 * given: what a lesson tells the hang by). Never a hang.
 */
export async function settlesWithin<T>(promise: Promise<T>, boundMs: number, what: string, id?: FailureId): Promise<T> {
  const timeout = new AbortController();
  const bound = sleep(boundMs, undefined, { signal: timeout.signal }).then(
    () => {
      const shortened = shortenedBecause();
      const exceeded = new BoundExceeded(`${what} did not settle within ${Math.round(boundMs)} ms${shortened ? ` (${shortened})` : ''}; ${runningNow()}`);
      return Promise.reject(id === undefined ? exceeded : withId(exceeded, id));
    },
    () => new Promise<never>(() => {}),
  );
  try {
    return await Promise.race([promise, bound]);
  } finally {
    timeout.abort();
  }
}

/**
 * What this process started and still runs, as a hang is reported: a wait for a live runner (one that never
 * ended) reads apart from a wait for nothing (a runner whose end nobody saw).
 */
function runningNow(): string {
  const running = stillAlive();
  if (running.length === 0) return 'nothing this process started still runs';
  const shown = running.slice(0, 5).join(', ');
  return `still running: ${shown}${running.length > 5 ? ` and ${running.length - 5} more` : ''}`;
}

/** `promise` itself if it settles within the one bound (claims/support/bounds.ts); otherwise an error naming `what`. */
export async function within<T>(promise: Promise<T>, what: string, id?: FailureId): Promise<T> {
  return settlesWithin(promise, await boundFor(), what, id);
}

/** Resolves once every child and worker this project started has ended; fails naming any left after `boundMs`. */
export async function nothingLeft(boundMs = 5_000, id?: FailureId): Promise<void> {
  for (let waited = 0; stillAlive().length > 0; waited += 20) {
    if (waited >= boundMs) {
      const exceeded = new BoundExceeded(`Still running after ${Math.round(boundMs)} ms: ${stillAlive().join('; ')}`);
      throw id === undefined ? exceeded : withId(exceeded, id);
    }
    await sleep(20);
  }
}
