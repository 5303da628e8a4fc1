import { Runnable } from './runtime/runnable.ts';
import type { TaskRef } from './runtime/task.ts';
import { startThread, type ThreadOptions } from './runtime/thread-endpoint.ts';

/**
 * Python's `threading.Thread(target, args)`, over a worker thread. It runs inside this process (same
 * pid), but unlike a Python thread it has its own heap: it shares only what lives in a SharedArrayBuffer.
 */
export class Thread<Args extends unknown[] = unknown[]> extends Runnable<Args> {
  constructor(target: TaskRef<Args>, args: Args = [] as unknown[] as Args, options: ThreadOptions = {}) {
    super('Thread', target, args, () => startThread(options));
  }

  /** The worker's `threadId` once started (the main thread's is 0); `undefined` before. */
  get threadId(): number | undefined {
    return this.runner?.threadId;
  }
}
