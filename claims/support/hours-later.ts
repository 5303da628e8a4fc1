/**
 * A clock hours ahead, for a moment: while it is on, every timer this process sets is due at once (the
 * globals, `node:timers` and `node:timers/promises` alike), and `Date.now()` and `performance.now()` read
 * hours later. A wait that ends by a timer, a time limit or a clock of its own ends within the moment; a
 * wait for a child that is held at a rendezvous does not. Worker threads and children keep their own clocks.
 *
 * Nothing may wait on a timer of its own while it is on, our bounds included (they would run out at once):
 * what waits here waits by `realPause`, taken before any clock was changed.
 */
import { syncBuiltinESMExports } from 'node:module';
import timers from 'node:timers';
import timersPromises from 'node:timers/promises';
import { promisify } from 'node:util';

/** The clock's own functions, as they were when this module was loaded. */
const real = {
  setTimeout: timers.setTimeout,
  setInterval: timers.setInterval,
  setImmediate: timers.setImmediate,
  sleep: timersPromises.setTimeout,
  every: timersPromises.setInterval,
  dateNow: Date.now,
  performanceNow: performance.now.bind(performance),
};

/** How far ahead the clock reads: longer than any timer a class would set for a child it waits for. */
const aheadMs = 6 * 60 * 60 * 1000;

/** A timer due at once, still a real one: clearTimeout and clearInterval end it as they would the original. */
function dueAtOnce<F extends (callback: (...args: never[]) => void, ms?: number, ...args: never[]) => unknown>(original: F): F {
  return ((callback: (...args: never[]) => void, _ms?: number, ...args: never[]) => original(callback, 0, ...args)) as F;
}

const sleepNow = (_ms?: number, value?: unknown, options?: object) => real.sleep(0, value, options);
const everyNow = (_ms?: number, value?: unknown, options?: object) => real.every(0, value, options);

let on = false;

function install(): void {
  // util.promisify(setTimeout) is the promises' setTimeout: due at once too.
  const setTimeoutNow = Object.assign(dueAtOnce(real.setTimeout), { [promisify.custom]: sleepNow });
  const setIntervalNow = dueAtOnce(real.setInterval);
  Object.assign(globalThis, { setTimeout: setTimeoutNow, setInterval: setIntervalNow });
  Object.assign(timers, { setTimeout: setTimeoutNow, setInterval: setIntervalNow });
  Object.assign(timersPromises, { setTimeout: sleepNow, setInterval: everyNow });
  Date.now = () => real.dateNow() + aheadMs;
  performance.now = () => real.performanceNow() + aheadMs;
  // A module that imported a timer by name sees the change too.
  syncBuiltinESMExports();
}

function uninstall(): void {
  Object.assign(globalThis, { setTimeout: real.setTimeout, setInterval: real.setInterval });
  Object.assign(timers, { setTimeout: real.setTimeout, setInterval: real.setInterval });
  Object.assign(timersPromises, { setTimeout: real.sleep, setInterval: real.every });
  Date.now = real.dateNow;
  // Back to the Performance prototype's own now(), as it was.
  Reflect.deleteProperty(performance, 'now');
  syncBuiltinESMExports();
}

/** Waits `ms` of real time, and a few turns of the event loop either side: what the moment lasts. */
export async function realPause(ms: number): Promise<void> {
  const turns = async () => {
    for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => real.setImmediate(resolve));
  };
  await turns();
  await new Promise((resolve) => real.setTimeout(resolve, ms));
  await turns();
}

/** The real time a moment of the clock hours ahead lasts: timers set in it fire in its first turns. */
export const momentMs = 20;

/**
 * Calls `call` with the clock hours ahead, and keeps it there for a moment (`momentMs`), so that whatever
 * `call` set going has had its timers fire; returns what `call` returned or threw, the clock back as it was.
 */
export async function hoursLater<T>(call: () => T): Promise<{ readonly returned: T } | { readonly threw: unknown }> {
  if (on) throw new Error('hoursLater: the clock is already ahead');
  on = true;
  install();
  try {
    let result: { readonly returned: T } | { readonly threw: unknown };
    try {
      result = { returned: call() };
    } catch (error) {
      result = { threw: error };
    }
    await realPause(momentMs);
    return result;
  } finally {
    uninstall();
    on = false;
  }
}
