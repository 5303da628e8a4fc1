/** Task modules that fail in each way a task can: throw, exit, be killed, or return what cannot be sent. */
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { taskRef } from '../../src/runtime/task.ts';

export type Behaviour = 'succeed' | 'throw' | 'exit' | 'kill' | 'large' | 'unclonable';

export interface Act {
  readonly behaviour: Behaviour;
  readonly value: number;
  /** How long the task works before it does what `behaviour` says. */
  readonly ms?: number;
}

export class DownloadFailed extends Error {
  override name = 'DownloadFailed';
}

/** Does what `act` says, a moment after starting, so that it really is mid-task when it fails. */
export async function perform(act: Act): Promise<unknown> {
  await sleep(act.ms ?? 1);
  switch (act.behaviour) {
    case 'succeed':
      return act.value;
    case 'large':
      return 'x'.repeat(act.value * 10_000);
    case 'unclonable':
      return () => act.value;
    case 'throw':
      throw new DownloadFailed(`download ${act.value} failed`, { cause: new Error('connection reset') });
    case 'exit':
      process.exit(act.value);
      break;
    case 'kill':
      process.kill(process.pid, 'SIGKILL');
      break;
  }
  await sleep(60_000);
  return -1;
}

export function returnsAFunction(_item: unknown): () => void {
  return () => {};
}

/** Returns plain data, or a function (which cannot cross to the parent), or throws: as `kind` says. */
export function answersWith(kind: 'data' | 'function' | 'throw'): (() => void) | string {
  if (kind === 'throw') throw new Error('asked to throw');
  return kind === 'function' ? () => {} : 'plain data';
}

export function throwsLater(message: string): Promise<never> {
  setTimeout(() => {
    throw new Error(message);
  }, 1);
  return new Promise(() => {});
}

export const performTask = taskRef<typeof perform>(import.meta.url, 'perform');
export const returnsAFunctionTask = taskRef<typeof returnsAFunction>(import.meta.url, 'returnsAFunction');
export const answersWithTask = taskRef<typeof answersWith>(import.meta.url, 'answersWith');
export const throwsLaterTask = taskRef<typeof throwsLater>(import.meta.url, 'throwsLater');
export const missingExportTask = taskRef<(item: unknown) => unknown>(import.meta.url, 'noSuchTask');

export function throwsAString(): never {
  throw 'a string, not an Error';
}

/** Returns at once, then throws from a timer: after the task, so no task can take the blame. */
export function throwsAfterReturning(): string {
  setTimeout(() => {
    throw new Error('thrown after the task returned');
  }, 20);
  return 'returned';
}

/** Never ends on its own; the timer keeps the runner alive as real work would. */
export function waitsForever(_item?: unknown): Promise<never> {
  setInterval(() => {}, 1_000);
  return new Promise(() => {});
}

/** Never ends, nor lets its event loop turn: only a kill ends it, not its parent going away. */
export function spinsForever(): never {
  for (;;) {
    // Busy on purpose.
  }
}

/** Starts a grandchild that waits forever, prints its pid, and waits forever itself. */
export async function startsAGrandchild(): Promise<never> {
  const { Process } = await import('../../src/process.ts');
  const grandchild = new Process(waitsForeverTask, []);
  grandchild.start();
  console.log(`grandchild ${grandchild.pid}`);
  return waitsForever();
}

/** Keeps allocating until the thread's heap limit stops it. */
export function exhaustsMemory(): number {
  const hoard: number[][] = [];
  for (;;) hoard.push(Array.from({ length: 100_000 }, (_, i) => i));
}

export const throwsAStringTask = taskRef<typeof throwsAString>(import.meta.url, 'throwsAString');
export const throwsAfterReturningTask = taskRef<typeof throwsAfterReturning>(import.meta.url, 'throwsAfterReturning');
export const waitsForeverTask = taskRef<typeof waitsForever>(import.meta.url, 'waitsForever');
export const spinsForeverTask = taskRef<typeof spinsForever>(import.meta.url, 'spinsForever');
export const startsAGrandchildTask = taskRef<typeof startsAGrandchild>(import.meta.url, 'startsAGrandchild');
export const exhaustsMemoryTask = taskRef<typeof exhaustsMemory>(import.meta.url, 'exhaustsMemory');

export interface Printing {
  readonly lines: number;
  readonly width: number;
  /** How the task ends once it has printed: it returns, calls process.exit(0), or throws. */
  readonly ending: 'return' | 'exit' | 'throw';
}

/** Prints `lines` numbered lines in its last moment, then ends as `ending` says. */
export function printThenEnd({ lines, width, ending }: Printing): void {
  for (let line = 0; line < lines; line++) console.log(`${line} ${'x'.repeat(width)}`);
  if (ending === 'exit') process.exit(0);
  if (ending === 'throw') throw new Error('thrown after printing');
}

export const printThenEndTask = taskRef<typeof printThenEnd>(import.meta.url, 'printThenEnd');
