/** The document's `download_task`: it announces itself, "downloads" for a while, and says how long it took. */
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { isMainThread, threadId } from 'node:worker_threads';
import { taskRef } from '../runtime/task.ts';

/** The document sleeps `uniform(1, 10)` seconds; we scale each of its seconds down to this many ms. */
export const MS_PER_DOCUMENT_SECOND = 100;

export function timeToDownload(): number {
  return Math.round((1 + Math.random() * 9) * MS_PER_DOCUMENT_SECOND);
}

/** The first line the document prints: in a child process its pid; in a thread, that it shares its process's. */
export function announce(): string {
  return isMainThread ? `start process，process id = [${process.pid}].` : `start thread, thread id = [${threadId}], process id = [${process.pid}].`;
}

export async function download(filename: string, ms: number = timeToDownload()): Promise<number> {
  console.log(announce());
  console.log(`download ${filename} start...`);
  await sleep(ms);
  console.log(`${filename} download done! spend ${(ms / 1000).toFixed(2)} sec`);
  return ms;
}

export const downloadTask = taskRef<typeof download>(import.meta.url, 'download');
