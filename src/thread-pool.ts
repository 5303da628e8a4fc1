import type { Endpoint } from './endpoint.ts';
import { Pool } from './pool.ts';
import { startThread } from './thread-endpoint.ts';

/** Python's `multiprocessing.pool.ThreadPool`: the contract of `Pool`, over worker threads. */
export class ThreadPool extends Pool {
  protected override startEndpoint(): Endpoint {
    return startThread();
  }
}
