import { availableParallelism } from 'node:os';
import { WorkerPool } from './pool.ts';
import { RunnerHost } from './runner-host.ts';
import { startThreadRunner } from './thread-endpoint.ts';

/** Python's `multiprocessing.pool.ThreadPool`: the contract of `Pool`, over worker threads. */
export class ThreadPool extends WorkerPool {
  constructor(size: number = availableParallelism()) {
    super(size, () => new RunnerHost(startThreadRunner()), 'ThreadPool');
  }
}
