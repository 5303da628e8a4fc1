/** Lesson 3, with an increment of two Atomics steps, a load and then a store: two threads can load the same count. */
export { LoadThenStoreCounter as SharedCounter } from '../../../claims/counter-models/locks.ts';
