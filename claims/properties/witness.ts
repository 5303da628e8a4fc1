/**
 * A brute-force witness beside the scheduler, as OpenJDK's jcstress: real threads, no scheduler and no
 * sleep, as fast as they go, and the outcomes they leave counted and labelled acceptable or forbidden.
 * It sees what the scheduler cannot: plain reads and writes of shared memory. A broken lock or counter
 * is caught by hammering, run after run until a forbidden outcome shows: certain in practice, not by
 * design, which is why the scheduler carries the claims.
 */

import { Thread } from '../../src/thread.ts';
import { type FailureId, KnownFailure } from '../failures.ts';
import { Barrier } from '../support/barrier.ts';
import { within } from '../support/settles.ts';
import { depositUnderLockTask, type Hammering, incrementTask } from '../tasks/hammer.ts';
import type { ClassRef } from '../tasks/judged.ts';

export const threads = 4;

export type HammerTask = typeof depositUnderLockTask | typeof incrementTask;

/**
 * Runs `threads` real threads of `task` together, `times` times over, or until `until` holds of what was
 * seen; returns how often each outcome was seen.
 */
export async function hammer(
  task: HammerTask,
  implementation: ClassRef,
  rounds: number,
  times: number,
  until: (seen: Map<string, number>) => boolean = () => false,
): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  for (let time = 0; time < times && !until(seen); time++) {
    const memory = { shared: new SharedArrayBuffer(4), balance: new SharedArrayBuffer(4), refused: new SharedArrayBuffer(4) };
    const hammering: Hammering = { implementation, rounds, start: new Barrier().buffer, parties: threads, memory };
    const running = Array.from({ length: threads }, () => new Thread(task, [hammering]));
    for (const thread of running) thread.start();
    await within(Promise.all(running.map((thread) => thread.join())), 'the threads');
    const total = new Int32Array(task === depositUnderLockTask ? memory.balance : memory.shared)[0] as number;
    const refused = new Int32Array(memory.refused)[0] as number;
    const releases = task === depositUnderLockTask ? `, ${refused} releases refused` : '';
    const label = `total ${total.toLocaleString('en')}${releases}: ${total === threads * rounds && refused === 0 ? 'acceptable' : 'forbidden'}`;
    seen.set(label, (seen.get(label) ?? 0) + 1);
  }
  return seen;
}

export function forbidden(seen: Map<string, number>): string[] {
  return [...seen.keys()].filter((label) => label.endsWith('forbidden'));
}

export const sawForbidden = (seen: Map<string, number>) => forbidden(seen).length > 0;

/** What was seen, one outcome a line: `total 800,000, 0 releases refused: acceptable (3×)`. */
export function tally(seen: Map<string, number>): string {
  return [...seen].map(([label, count]) => `${label} (${count}×)`).join('\n  ');
}

/** The two hammers: locked deposits of ¥1, and increments of a shared counter; and what a forbidden outcome of each shows. */
export const hammers = {
  lock: { task: depositUnderLockTask, rounds: 200_000, what: 'locked deposits of ¥1', failure: 'lock.two-holders' },
  counter: { task: incrementTask, rounds: 500_000, what: 'increments', failure: 'counter.increments-lost' },
} as const satisfies Record<string, { readonly task: unknown; readonly rounds: number; readonly what: string; readonly failure: FailureId }>;

/** How hard a judge hammers: at least `times` runs of `rounds` each, and on until `forMs` have passed. */
export interface HammerEffort {
  readonly times: number;
  readonly rounds: number;
  readonly forMs: number;
}

/**
 * Fails, telling the outcomes seen, if a hammering of `implementation` (a Lock or a SharedCounter) leaves
 * a forbidden outcome; stops at the first. A plain read-then-write races only when the threads truly
 * overlap: on a loaded machine they may take turns, each run whole within its time slice, so the runs are
 * long (millions of rounds, many slices each) and go on for a while, not a fixed count.
 */
export async function expectNoForbiddenOutcome(kind: keyof typeof hammers, implementation: ClassRef, { times, rounds, forMs }: HammerEffort): Promise<void> {
  const { task, what, failure } = hammers[kind];
  const began = performance.now();
  const seen = new Map<string, number>();
  for (let run = 0; (run < times || performance.now() - began < forMs) && !sawForbidden(seen); run++) {
    for (const [label, count] of await hammer(task, implementation, rounds, 1)) seen.set(label, (seen.get(label) ?? 0) + count);
  }
  if (sawForbidden(seen)) {
    throw new KnownFailure(
      failure,
      `${threads} real threads × ${rounds.toLocaleString('en')} ${what}, at full speed, left a forbidden outcome:\n  ${tally(seen)}`,
    );
  }
}
