/**
 * What a thread's next step would read and write (scheduler/accesses.ts), as the partial-order reduction
 * reads it: two steps are explored in one order only when neither writes what the other touches. A step
 * said to touch less than it does would let the reduction skip a schedule that differs; one said to touch
 * more costs schedules. So each operation's access is stated here, from the value its cell holds now.
 */
import { describe, expect, it } from 'vitest';
import { accessOf } from '../scheduler/accesses.ts';
import type { Operation, Request } from '../scheduler/layout.ts';
import type { Waiter } from '../scheduler/waiters.ts';

/** A 64-bit value whose low 32 bits are 3: read as an Int32, it would pass for 3. */
const beyond32Bits = 2 ** 32 + 3;

/** `lock` holds 3; `cells[0]` holds 0 and `cells[1]` 3; `big`, a 64-bit cell, holds 2 ** 32 + 3. */
function memory() {
  const lock = new SharedArrayBuffer(4);
  const cells = new SharedArrayBuffer(8);
  const big = new SharedArrayBuffer(8);
  new Int32Array(lock)[0] = 3;
  new Int32Array(cells)[1] = 3;
  new BigInt64Array(big)[0] = BigInt(beyond32Bits);
  return { lock, cells, big };
}
const [lock, cells, big, own] = [0, 1, 2, -1];

const asked = (op: Operation, address: number, arg1 = 0, { index = 0, width = 4 } = {}): Request => ({ op, address, index, width, arg1, arg2: 0 });

describe("A step's access, as the reduction reads it", () => {
  it.each([
    { step: 'a load', request: asked('load', lock), access: 'reads lock[0], reads the clock' },
    // A load has no operand: whatever lies where a compare-exchange's expected value would, it writes nothing.
    { step: 'a load of a cell that holds what its operand says', request: asked('load', cells, 0), access: 'reads cells[0], reads the clock' },
    { step: 'a store', request: asked('store', lock, 3), access: 'reads lock[0], reads the clock, writes lock[0]' },
    { step: 'an add', request: asked('add', lock, 1), access: 'reads lock[0], reads the clock, writes lock[0]' },
    { step: 'a compare-exchange that will succeed', request: asked('compareExchange', lock, 3), access: 'reads lock[0], reads the clock, writes lock[0]' },
    { step: 'a compare-exchange that will fail', request: asked('compareExchange', lock, 0), access: 'reads lock[0], reads the clock' },
    {
      step: 'a compare-exchange of a value not exactly known (not a safe integer), taken as a change',
      request: asked('compareExchange', lock, 2 ** 60),
      access: 'reads lock[0], reads the clock, writes lock[0]',
    },
    {
      step: 'a compare-exchange on a 64-bit cell that will succeed',
      request: asked('compareExchange', big, beyond32Bits, { width: 8 }),
      access: 'reads big[0], reads the clock, writes big[0]',
    },
    {
      step: 'a compare-exchange on a 64-bit cell that will fail, though its low 32 bits match',
      request: asked('compareExchange', big, 3, { width: 8 }),
      access: 'reads big[0], reads the clock',
    },
    { step: 'a wait that will sleep', request: asked('wait', lock, 3), access: "reads lock[0], reads the clock, writes lock[0]'s waiters" },
    { step: 'a wait that will find the value changed', request: asked('wait', lock, 0), access: 'reads lock[0], reads the clock' },
    { step: 'a notify', request: asked('notify', lock, 1), access: "reads lock[0]'s waiters, reads the clock, writes lock[0]'s waiters" },
    { step: 'a load of a second cell', request: asked('load', cells, 0, { index: 1 }), access: 'reads cells[1], reads the clock' },
    {
      step: 'a compare-exchange of a second cell, by its own value',
      request: asked('compareExchange', cells, 3, { index: 1 }),
      access: 'reads cells[1], reads the clock, writes cells[1]',
    },
    {
      step: "a sleep, on the thread's own memory",
      request: asked('wait', own, 0),
      access: "reads thread 2's own memory, reads the clock, writes thread 2's own memory",
    },
  ])('$step: $access', ({ request, access }) => {
    expect(accessOf(1, request, undefined, memory())).toBe(access);
  });

  const waiter = (notified: boolean, address = lock): Waiter => ({ thread: 1, address, index: 0, since: 0, timeout: 50, notified });

  it.each([
    { step: "a waiter's wake, once notified", waiter: waiter(true), access: "reads lock[0]'s waiters, reads the clock, writes lock[0]'s waiters" },
    {
      step: "a waiter's timeout, not notified: it moves the clock",
      waiter: waiter(false),
      access: "reads lock[0]'s waiters, reads the clock, writes lock[0]'s waiters, writes the clock",
    },
    {
      step: "a sleep's end: its own memory's waiters, and the clock",
      waiter: waiter(false, own),
      access: "reads thread 2's own memory's waiters, reads the clock, writes thread 2's own memory's waiters, writes the clock",
    },
  ])('$step: $access', ({ waiter, access }) => {
    // What it asked for before it slept no longer matters: its next step ends the wait.
    expect(accessOf(1, asked('wait', waiter.address, 3), waiter, memory())).toBe(access);
  });
});
