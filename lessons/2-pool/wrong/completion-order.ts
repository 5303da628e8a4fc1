/** Lesson 2, with results in the order the tasks ended: the counter-model of pool.waits, in the learner's place. */
export { CompletionOrderPool as Pool } from '../../../claims/counter-models/pools.ts';
