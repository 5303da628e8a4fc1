/**
 * A brute-force witness beside the scheduler, as OpenJDK's jcstress: real threads, no scheduler and no
 * sleep, as fast as they go, and the outcomes they leave counted and labelled acceptable or forbidden.
 * The scheduler explains why with the smallest story; this shows the same thing happens at full speed.
 * A broken lock or counter is caught here by hammering, run after run until a forbidden outcome shows:
 * certain in practice, not by design, which is why the scheduler carries the claims.
 */
import { describe, expect, it } from 'vitest';
import { Barrier } from '../src/barrier.ts';
import { Thread } from '../src/thread.ts';
import { ours } from './properties/schedules.ts';
import { within } from './support/settles.ts';
import { depositUnderLockTask, type Hammering, incrementTask } from './tasks/hammer.ts';
import type { ClassRef } from './tasks/judged.ts';

const threads = 4;
const fixture = (name: string) => ({ module: new URL('../fixtures/locks.ts', import.meta.url).href, name });

interface Outcome {
  readonly total: number;
  readonly refused: number;
}

/**
 * Runs `threads` real threads of `task` together, `times` times over, or until `until` holds of what was
 * seen; returns how often each outcome was seen.
 */
async function hammer(
  task: typeof depositUnderLockTask,
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
    const outcome: Outcome = {
      total: new Int32Array(task === depositUnderLockTask ? memory.balance : memory.shared)[0] as number,
      refused: new Int32Array(memory.refused)[0] as number,
    };
    const label = `total ${outcome.total.toLocaleString('en')}, ${outcome.refused} releases refused: ${outcome.total === threads * rounds && outcome.refused === 0 ? 'acceptable' : 'forbidden'}`;
    seen.set(label, (seen.get(label) ?? 0) + 1);
  }
  console.log(
    `${threads} threads × ${rounds.toLocaleString('en')} rounds, of ${implementation.name}:\n  ${[...seen].map(([label, count]) => `${label} (${count}×)`).join('\n  ')}`,
  );
  return seen;
}

const forbidden = (seen: Map<string, number>) => [...seen.keys()].filter((label) => label.endsWith('forbidden'));

/**
 * A broken lock or counter is hammered until it shows a forbidden outcome, at most this many times. One
 * run almost always shows it; on a machine whose cores are all busy elsewhere, one run in 50 did not.
 */
const hammerBrokenAtMost = 20;
const sawForbidden = (seen: Map<string, number>) => forbidden(seen).length > 0;

describe('A brute-force witness: real threads at full speed, outcomes counted (as jcstress)', () => {
  it('lock.mutual-exclusion: with the real Lock, every outcome of 4 threads × 200,000 locked deposits is the exact sum; a check-then-set lock is forbidden ones', async () => {
    expect(forbidden(await hammer(depositUnderLockTask, ours.Lock, 200_000, 3))).toEqual([]);
    expect(forbidden(await hammer(depositUnderLockTask, fixture('CheckThenSetLock'), 200_000, hammerBrokenAtMost, sawForbidden))).not.toEqual([]);
  });

  it('thread.shared-memory: with the real SharedCounter, 4 threads × 500,000 increments always count 2,000,000; one that loads then stores loses some', async () => {
    expect(forbidden(await hammer(incrementTask, ours.SharedCounter, 500_000, 3))).toEqual([]);
    expect(forbidden(await hammer(incrementTask, fixture('LoadThenStoreCounter'), 500_000, hammerBrokenAtMost, sawForbidden))).not.toEqual([]);
  });
});
