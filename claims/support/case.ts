/**
 * What every case of a property is given, so that its body reads as its claim (arrange, act, assert) and
 * says nothing of how long a wait may take or how what it started is ended.
 */
import type { CheckOptions } from '../property.ts';
import { boundFor } from './bounds.ts';
import { settlesWithin } from './settles.ts';

export interface Case {
  /**
   * How long a wait of this case may take before it is a hang: the judge's bound, when it gives one, or
   * one measured here for tasks of these durations on this many runners started one after another.
   */
  bound(durationsMs?: readonly number[], runners?: number): Promise<number>;
  /**
   * Ends `resource` with `end` once the case's body has ended, however it ended, within the case's bound.
   * A failure to end it fails the case only if the body passed: the body's own failure is the one told.
   */
  defer<T>(resource: T, end: (resource: T) => unknown, what: string): T;
}

/** Runs one case's body with its Case, then ends what it deferred, the last first. */
export async function inCase(options: CheckOptions | undefined, body: (each: Case) => Promise<void>): Promise<void> {
  const ends: { readonly end: () => unknown; readonly what: string }[] = [];
  const each: Case = {
    bound: (durationsMs, runners) => (options?.boundMs === undefined ? boundFor(durationsMs, runners) : Promise.resolve(options.boundMs)),
    defer: (resource, end, what) => {
      ends.push({ end: () => end(resource), what });
      return resource;
    },
  };
  let failure: { readonly error: unknown } | undefined;
  try {
    await body(each);
  } catch (error) {
    failure = { error };
  }
  for (const { end, what } of ends.reverse()) {
    try {
      await settlesWithin(Promise.resolve().then(end), await each.bound(), what);
    } catch (error) {
      failure ??= { error };
    }
  }
  if (failure !== undefined) throw failure.error;
}
