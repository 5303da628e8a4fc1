/**
 * How many schedules each configuration of the scheduled claims explores with our classes: pinned, so
 * that a change that judges fewer (or more) fails. `plain` is every schedule up to two preemptions, as
 * a pure enumeration of the same threads also counts it (spec/scheduler.spec.ts); `reduced` is the same
 * with the partial-order reduction, which the properties use from four threads on. The README's claims
 * table shows the count each property judges; spec/schedules.spec.ts checks every count it records.
 */
export interface Pin {
  readonly claim: string;
  /** As claims/properties/schedules.ts `named` names it. */
  readonly configuration: string;
  readonly plain?: number;
  readonly reduced?: number;
}

export const pins: readonly Pin[] = [
  { claim: 'thread.shared-memory', configuration: 'Ping and Pong to 1', plain: 6, reduced: 4 },
  { claim: 'thread.shared-memory', configuration: 'Ping and Pong to 2', plain: 18, reduced: 14 },
  { claim: 'thread.shared-memory', configuration: 'Ping and Pong to 3', plain: 38, reduced: 32 },
  { claim: 'lock.exact-balance', configuration: '2 deposits', plain: 48, reduced: 18 },
  { claim: 'lock.lost-update', configuration: '2 deposits', plain: 48, reduced: 18 },
  { claim: 'lock.mutual-exclusion', configuration: '2 holders once, and a releaser', plain: 198, reduced: 58 },
  { claim: 'lock.mutual-exclusion', configuration: '2 holders 2 times, and a releaser', plain: 1008 },
  { claim: 'lock.mutual-exclusion', configuration: '2 holders once with a timeout, and a releaser', plain: 366, reduced: 92 },
  { claim: 'lock.mutual-exclusion', configuration: '3 holders once, and a releaser', reduced: 1542 },
  { claim: 'lock.no-lost-wakeup', configuration: '2 threads taking it', plain: 12, reduced: 10 },
  { claim: 'lock.no-lost-wakeup', configuration: '3 threads taking it', plain: 222 },
  { claim: 'lock.no-lost-wakeup', configuration: '2 threads taking it with a timeout', plain: 18, reduced: 16 },
  { claim: 'lock.no-lost-wakeup', configuration: '3 threads taking it with a timeout', plain: 558 },
  { claim: 'lock.no-lost-wakeup', configuration: '2 threads taking it, and a releaser', plain: 78, reduced: 58 },
  { claim: 'lock.no-lost-wakeup', configuration: '2 threads taking it with a timeout, and a releaser', plain: 118, reduced: 92 },
  { claim: 'lock.no-lost-wakeup', configuration: '3 threads taking it, and a releaser', reduced: 1542 },
  { claim: 'gives up', configuration: 'a holder, and a thread giving up', plain: 57 },
  { claim: 'lock.release-on-error', configuration: '2 deposits', plain: 48 },
  { claim: 'lock.release-on-error', configuration: '2 deposits, number 1 failing', plain: 32, reduced: 14 },
  { claim: 'lock.release-on-error', configuration: '2 deposits, number 2 failing', plain: 32 },
  { claim: 'lock.release-on-error', configuration: '2 deposits, every one failing', plain: 18 },
];

export function pinOf(claim: string, configuration: string): Pin {
  const pin = pins.find((each) => each.claim === claim && each.configuration === configuration);
  if (pin === undefined) throw new Error(`No pinned count for ${claim} on ${configuration}: add it to claims/schedule-pins.ts`);
  return pin;
}
