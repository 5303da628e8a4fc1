/**
 * The whole contract of Pool, as one model (claims/models/pool.ts): ours keeps it over processes and over
 * threads, and each broken pool in fixtures/broken-pools.ts, wrong in one way, is rejected by it at the step
 * where it parts from the model.
 */
import { describe } from 'vitest';
import { poolModel } from '../claims/models/pool.ts';
import { Pool } from '../src/pool.ts';
import { ThreadPool } from '../src/thread-pool.ts';
import { specify } from './support/specify.ts';

describe.each([
  { name: 'Pool', Pool },
  { name: 'ThreadPool', Pool: ThreadPool },
])('The contract of Pool as a model ($name)', ({ name, Pool }) => {
  specify(poolModel, Pool, { backend: name });
});
