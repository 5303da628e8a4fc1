/** Threads that are not what they claim: one that copies what it should share, one that is a process. */
import { Process } from '../../src/process.ts';
import type { TaskRef } from '../../src/runtime/task.ts';
import { Thread } from '../../src/thread.ts';

function copyShared(value: unknown): unknown {
  if (!(value instanceof SharedArrayBuffer)) return value;
  const copy = new SharedArrayBuffer(value.byteLength);
  new Uint8Array(copy).set(new Uint8Array(value));
  return copy;
}

/** Gives each thread its own copy of the shared memory it was meant to share. */
export class CopyingThread<Args extends unknown[]> extends Thread<Args> {
  constructor(target: TaskRef<Args>, args: Args, options: { onStdout?: (chunk: string) => void } = {}) {
    super(target, args.map(copyShared) as Args, options);
  }
}

/** A "thread" that is really a child process: its own pid, and thread id 0. */
export class ProcessAsThread<Args extends unknown[]> extends Process<Args> {
  get threadId(): number | undefined {
    return this.pid === undefined ? undefined : 0;
  }
}
