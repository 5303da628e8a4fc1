/** Task modules that fail in each way a task can: throw, exit, be killed, or return what cannot be sent. */
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { taskRef } from '../../src/task.ts';

export type Behaviour = 'succeed' | 'throw' | 'exit' | 'kill';

export interface Act {
  readonly behaviour: Behaviour;
  readonly value: number;
}

export class DownloadFailed extends Error {
  override name = 'DownloadFailed';
}

/** Does what `act` says, a moment after starting, so that it really is mid-task when it fails. */
export async function perform(act: Act): Promise<number> {
  await sleep(1);
  switch (act.behaviour) {
    case 'succeed':
      return act.value;
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

export function throwsLater(message: string): Promise<never> {
  setTimeout(() => {
    throw new Error(message);
  }, 1);
  return new Promise(() => {});
}

export const performTask = taskRef<typeof perform>(import.meta.url, 'perform');
export const returnsAFunctionTask = taskRef<typeof returnsAFunction>(import.meta.url, 'returnsAFunction');
export const throwsLaterTask = taskRef<typeof throwsLater>(import.meta.url, 'throwsLater');
export const missingExportTask = taskRef<(item: unknown) => unknown>(import.meta.url, 'noSuchTask');
