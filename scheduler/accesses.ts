/**
 * What a thread's next step would read and write, from here (see independence.ts): its asked operation's
 * cell, and whether that changes it; or, for a waiter, its wake, or its timeout. Every other thread is
 * blocked meanwhile, so the cell's value read now is the one the step will find.
 */
import { type Access, access, clock } from './independence.ts';
import type { Request } from './layout.ts';
import type { Memory } from './memory.ts';
import type { Waiter } from './waiters.ts';

export function accessOf(thread: number, asked: Request, waiter: Waiter | undefined, memory: Memory): Access {
  const names = Object.keys(memory);
  const cellOf = (address: number, index: number) => (address < 0 ? `thread ${thread + 1}'s own memory` : `${names[address]}[${index}]`);
  if (waiter !== undefined) {
    const waiters = `${cellOf(waiter.address, waiter.index)}'s waiters`;
    return waiter.notified ? access([waiters], [waiters]) : access([waiters], [waiters, clock]);
  }
  const { op, address, index, width, arg1 } = asked;
  const cell = cellOf(address, index);
  if (address < 0) return access([cell], [cell]);
  const buffer = memory[names[address] as string] as SharedArrayBuffer;
  const value = width === 8 ? Number(Atomics.load(new BigInt64Array(buffer), index)) : Atomics.load(new Int32Array(buffer), index);
  // Sure only of an exact number: anything else counts as a change.
  const differs = Number.isSafeInteger(arg1) && value !== arg1;
  switch (op) {
    case 'load':
      return access([cell], []);
    case 'compareExchange':
      return differs ? access([cell], []) : access([cell], [cell]);
    case 'wait':
      return differs ? access([cell], []) : access([cell], [`${cell}'s waiters`]);
    case 'notify':
      return access([`${cell}'s waiters`], [`${cell}'s waiters`]);
    default:
      return access([cell], [cell]);
  }
}
