/**
 * Where a class and its model part: every model says it the same way, so that a failure reads alike
 * whatever class it judges: `Step 3, after release() in worker 1: PROMISE. Ours gives: X; yours: Y`.
 */
import { type FailureId, KnownFailure } from '../failures.ts';

/** The step where the class and the model part: what was promised, what ours gives, and what the class did; with `id`, what a lesson tells it by. */
export function part(model: { readonly step: number }, command: string, promise: string, ours: string, yours: string, id?: FailureId): never {
  const text = `Step ${model.step}, after ${command}: ${promise}. Ours gives: ${ours}; yours: ${yours}`;
  throw id === undefined ? new Error(text) : new KnownFailure(id, text);
}
