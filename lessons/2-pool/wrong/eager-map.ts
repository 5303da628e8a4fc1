/** Lesson 2, with a map that resolves before its tasks end: the counter-model of pool.waits, in the learner's place. */
export { EagerPool as Pool } from '../../../claims/counter-models/pools.ts';
