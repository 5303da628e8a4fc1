/** Lesson 5, with a deposit that reads the balance before it takes the lock: the lock then guards a stale read. */
export { ReadBeforeLockAccount as Account } from '../../../claims/counter-models/locks.ts';
