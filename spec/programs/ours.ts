/** Our implementations, as the liveness scenarios take them: fixtures/liveness.ts exports broken ones by the same names. */
export { Pool } from '../../src/pool.ts';
export { Process } from '../../src/process.ts';
export { Thread } from '../../src/thread.ts';
export { ThreadPool } from '../../src/thread-pool.ts';
