/**
 * The program ends by itself, and never before its work is done. Each case is a standalone program,
 * run outside vitest (whose handles keep any program alive), with our implementations or a broken one.
 */
import { describe, expect, it } from 'vitest';
import { busyWhileAnswersArrive, diesWhileJoined, endsByItself } from '../claims/properties/liveness.ts';
import { boundFor } from '../claims/support/bounds.ts';
import { brokenImplementations } from '../fixtures/liveness.ts';
import { expectRejected } from './support/rejects.ts';
import { specify } from './support/specify.ts';

const ours = new URL('../fixtures/programs/ours.ts', import.meta.url).href;

describe('Liveness: the program ends by itself', () => {
  specify(endsByItself, ours);

  it.each(['Pool', 'ThreadPool'] as const)(
    'a program that terminates its %s just after answers arrived while its main thread was busy prints its last line and exits 0',
    async (backend) => {
      await endsByItself.check(ours)({ ...busyWhileAnswersArrive, backend });
    },
  );

  // A broken program fails at the spec's one bound, boundFor() (from this file's measured start-up cost), or
  // long before: a fixed 4 s once ran out before one had printed anything, in a coverage run on a busy machine.
  // The broken ones are judged side by side: each mostly waits for its programs, or for the bound.
  it.concurrent('rejects runners that hold the program only while a task runs (it exits before their end is seen: code 13)', async () => {
    const why = await expectRejected(
      endsByItself,
      brokenImplementations('holds-only-while-running'),
      await boundFor(),
      'runners that hold the program only while a task runs',
    );
    expect(why).toContain('exited with code 13');
  });

  it.concurrent('rejects runners that never let the program go (a forgotten idle pool hangs it)', async () => {
    // Every case hangs until the bound: trying smaller ones would only cost more bounds.
    const why = await expectRejected(endsByItself, brokenImplementations('never-lets-go'), await boundFor(), 'runners that never let the program go', {
      shrink: false,
    });
    expect(why).toContain('did not end by itself');
  });

  it.concurrent("rejects a pool whose join returns before its runners have exited (Python's join waits for them)", async () => {
    const why = await expectRejected(endsByItself, brokenImplementations('join-before-exit'), await boundFor(), 'a join that returns before the runners exit');
    expect(why).toContain('still running after join');
  });

  // Its runner dies after join has begun, so a join that looks once misses the replacement: every time, not by luck.
  it.concurrent.each(['Pool', 'ThreadPool'] as const)(
    'rejects a %s whose join waits only for the runners it saw, not for one started meanwhile to replace a runner that died',
    async (backend) => {
      const broken = brokenImplementations('join-once');
      await expect(endsByItself.check(broken, { boundMs: await boundFor() })(diesWhileJoined(backend))).rejects.toThrow('still running after join');
    },
  );
});
