import { Runnable } from './runnable.ts';
import type { TaskRef } from './task.ts';
import { startThreadRunner, type ThreadOptions } from './thread-endpoint.ts';

/**
 * Python's `threading.Thread(target, args)`, over a worker thread. It runs inside this process (same
 * pid), but unlike a Python thread it has its own heap: it shares only what lives in a SharedArrayBuffer.
 */
export class Thread<Args extends unknown[] = unknown[]> extends Runnable<Args> {
  constructor(target: TaskRef<Args>, args: Args = [] as unknown[] as Args, options: ThreadOptions = {}) {
    super('Thread', target, args, () => startThreadRunner(options));
  }

  /** The worker's `threadId` once started (the main thread's is 0); `undefined` before. */
  get threadId(): number | undefined {
    return this.host?.threadId;
  }

  /** Ends the worker at once (`worker.terminate()`); `join()` then rejects. */
  async terminate(): Promise<void> {
    await this.host?.kill();
  }
}
