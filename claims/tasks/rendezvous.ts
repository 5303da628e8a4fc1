/** Task modules for the specs: the document's tasks, made to meet at a Coordinator before they work. */
import { once } from 'node:events';
import { createConnection } from 'node:net';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { threadId } from 'node:worker_threads';
import { taskRef } from '../../src/runtime/task.ts';
import { announce } from '../../src/tasks/download.ts';

/** Says "started" to the coordinator at `address` and waits for "go"; call the result to say "ended". */
export async function meet(address: string, id: string): Promise<() => Promise<void>> {
  const socket = createConnection(address);
  socket.setEncoding('utf8');
  await once(socket, 'connect');
  // Taken now: if the coordinator hangs up first, 'close' has fired before `ended` would wait for it.
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const go = new Promise<void>((resolve, reject) => {
    socket.on('data', (chunk: string) => {
      if (chunk.includes('go')) resolve();
    });
    void closed.then(() => reject(new Error(`The coordinator hung up before task ${id} was let go`)));
    socket.on('error', () => {});
  });
  socket.write(`${JSON.stringify({ kind: 'started', id, pid: process.pid, threadId })}\n`);
  await go;
  return async () => {
    if (!socket.destroyed) socket.end(`${JSON.stringify({ kind: 'ended', id, pid: process.pid, threadId })}\n`);
    await closed;
  };
}

/** The document's download, meeting the others first: it prints what `download` prints. */
export async function downloadAtRendezvous(address: string, filename: string, ms: number): Promise<number> {
  console.log(announce());
  console.log(`download ${filename} start...`);
  const ended = await meet(address, filename);
  await sleep(ms);
  console.log(`${filename} download done! spend ${(ms / 1000).toFixed(2)} sec`);
  await ended();
  return ms;
}

export interface PoolItem {
  readonly address: string;
  readonly id: string;
}

export interface PoolAnswer {
  readonly id: string;
  readonly pid: number;
  readonly threadId: number;
}

/** A pool task that meets at the coordinator and answers who ran it. */
export async function poolItemAtRendezvous(item: PoolItem): Promise<PoolAnswer> {
  const ended = await meet(item.address, item.id);
  await ended();
  return { id: item.id, pid: process.pid, threadId };
}

/** A task that reports who runs it, and nothing else. */
export function whoAmI(_item: unknown): { pid: number; threadId: number; version: string } {
  return { pid: process.pid, threadId, version: process.version };
}

export const downloadAtRendezvousTask = taskRef<typeof downloadAtRendezvous>(import.meta.url, 'downloadAtRendezvous');
export const poolItemTask = taskRef<typeof poolItemAtRendezvous>(import.meta.url, 'poolItemAtRendezvous');
export const whoAmITask = taskRef<typeof whoAmI>(import.meta.url, 'whoAmI');
