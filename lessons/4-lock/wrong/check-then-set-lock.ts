/** Lesson 4, with a lock that checks that it is free, then sets it: the counter-model of lock.mutual-exclusion, in the learner's place. */
export { CheckThenSetLock as Lock } from '../../../claims/counter-models/locks.ts';
