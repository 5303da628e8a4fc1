import { Pool } from './pool.ts';
import type { Endpoint } from './runtime/endpoint.ts';
import { startThread } from './runtime/thread-endpoint.ts';

/** Python's `multiprocessing.pool.ThreadPool`: the contract of `Pool`, over worker threads. */
export class ThreadPool extends Pool {
  protected override startEndpoint(): Endpoint {
    return startThread();
  }
}
