/**
 * The joins of the process model: a join made while its child is held waits, and is judged once the child
 * is let go; every join of one child settles as the contract says it ended, and as the first did.
 */
import type { FailureId } from '../failures.ts';
import { settlesWithin } from '../support/settles.ts';
import type { Outcome } from './outcome.ts';
import { part } from './part.ts';
import type { Model, Real } from './process-commands.ts';
import { endsAllowed, type Modelled, said } from './process-ends.ts';

/** A join made while its child was held: judged once the child is let go. */
export interface HeldJoin {
  readonly which: number;
  readonly step: number;
  /** Never rejects, never bounded: its bound runs from the child's release, not from the join. */
  readonly outcome: Promise<Outcome>;
  settled: boolean;
}

/** The class's outcome is one the contract allows, or the step where they part. */
export function judge(model: Model, command: string, promise: string, allowed: readonly string[], yours: string, id?: FailureId): void {
  if (!allowed.includes(yours)) part(model, command, promise, allowed.join(', or '), yours, id);
}

/** Peeks at a join while its child is held: whether it has settled yet, and how. */
export function heldJoinOf(which: number, step: number, joined: unknown): HeldJoin {
  const entry: HeldJoin = {
    which,
    step,
    outcome: Promise.resolve(joined).then(
      (resolved) => ({ resolved }),
      (rejected: unknown) => ({ rejected }),
    ),
    settled: false,
  };
  void entry.outcome.then(() => {
    entry.settled = true;
  });
  return entry;
}

/** A join settled: as the contract says the child ended, and as every join of the same child before it. */
export function settledAs(model: Model, real: Real, which: number, command: string, yours: string): void {
  const each = model.runnables[which] as Modelled;
  const promise =
    each.settled === undefined
      ? "join() settles as the child ended: resolves, or rejects with a TaskError naming the call, the task's own error its cause"
      : 'join() again settles as the first did: the same child ended the same way';
  judge(
    model,
    command,
    promise,
    endsAllowed(real.kind, each, real.coordinator.address),
    yours,
    each.settled === undefined ? undefined : 'join.outcome-changed',
  );
  each.settled = yours;
}

/** Every join made while the child was held is still waiting: then the child is let go. */
export async function letGo(model: Model, real: Real, which: number, command: string): Promise<void> {
  const each = model.runnables[which] as Modelled;
  const early = real.heldJoins.find((entry) => entry.which === which && entry.settled);
  if (early !== undefined) {
    const promise = `join() waits for its child however long it is held: the join of step ${early.step} settled while it was`;
    part(model, command, promise, 'pending until let go', said(await early.outcome), 'join.gave-up-on-a-timer');
  }
  real.coordinator.release(each.name);
  each.life = 'released';
}

/** Then every join made while it was held settles as its child ended. */
export async function joinsLetGo(model: Model, real: Real, which: number, command: string): Promise<void> {
  for (const entry of real.heldJoins.filter((each) => each.which === which)) {
    const outcome = await settlesWithin(entry.outcome, real.boundMs, `Step ${model.step}, the join of step ${entry.step}`);
    settledAs(model, real, which, `${command}, for the join of step ${entry.step}`, said(outcome));
  }
  real.heldJoins.splice(0, real.heldJoins.length, ...real.heldJoins.filter((each) => each.which !== which));
}

/** After the program: every child still held is let go, and every join still waiting settles as its child ended. */
export async function judgeTheEnd(model: Model, real: Real): Promise<void> {
  for (const [which, each] of model.runnables.entries()) {
    if (each.life === 'held') await letGo(model, real, which, 'the program');
    await joinsLetGo(model, real, which, 'the program');
  }
}
