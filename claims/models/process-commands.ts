/**
 * The process model's commands: each one of the public operations of Process (and Thread), the step it is
 * in a program, and the promise it checks. Every task is held at a rendezvous until the program lets it go,
 * so a join made before that must still be waiting, however far the clock is put ahead.
 */
import type * as fc from 'fast-check';
import type { FailureId } from '../failures.ts';
import type { Coordinator } from '../support/coordinator.ts';
import { hoursLater } from '../support/hours-later.ts';
import type { Act } from '../tasks/faults.ts';
import { heldThenPerformTask } from '../tasks/held.ts';
import { errorText, outcomeOf } from './outcome.ts';
import { part } from './part.ts';
import { callOf, exitCodesAllowed, type Judged, type Modelled, type ModelledRunnable, said } from './process-ends.ts';
import { type HeldJoin, heldJoinOf, joinsLetGo, judge, letGo, settledAs } from './process-joins.ts';

export interface Model {
  step: number;
  readonly runnables: Modelled[];
}

export interface Real extends Judged {
  readonly coordinator: Coordinator;
  readonly boundMs: number;
  /** Every runnable the program made, to be ended once it is over. */
  readonly made: ModelledRunnable[];
  readonly runnables: ModelledRunnable[];
  readonly heldJoins: HeldJoin[];
}

export type ProcessCommand = fc.AsyncCommand<Model, Real>;

/** At most three runnables a program: each is a child started, and a child costs 50 to 100 ms. */
const most = 3;

const shownAct = ({ behaviour, value }: Act) => `${behaviour} ${value}`;

/**
 * A command on one of the runnables made so far: the `pick`-th, counted round those there are when it runs,
 * so that a random program acts on what it made. It applies in the life `when` allows.
 */
abstract class OnRunnable implements ProcessCommand {
  readonly pick: number;
  /** The runnable it acted on, last it ran: how it is named. */
  which = 0;
  constructor(pick: number) {
    this.pick = pick;
    this.which = pick;
  }
  protected abstract when(each: Modelled): boolean;
  check = (model: Readonly<Model>) => {
    const each = model.runnables[this.pick % Math.max(1, model.runnables.length)];
    return each !== undefined && this.when(each);
  };
  run(model: Model, real: Real): Promise<void> {
    this.which = this.pick % model.runnables.length;
    return this.on(model, real);
  }
  protected abstract on(model: Model, real: Real): Promise<void>;
  protected name = () => `p${this.which}`;
}

export class NewCommand implements ProcessCommand {
  readonly act: Act;
  constructor(act: Act) {
    this.act = act;
  }
  check = (model: Readonly<Model>) => model.runnables.length < most;
  async run(model: Model, real: Real): Promise<void> {
    model.step++;
    const name = `p${model.runnables.length}`;
    const call = `${name} = ${this}`;
    let made: ModelledRunnable;
    try {
      made = new real.Runnable(heldThenPerformTask as never, [this.act, name, real.coordinator.address]);
    } catch (error) {
      return part(model, call, 'a task reference and an array of args make a runnable', 'one made', `throws ${errorText(error)}`);
    }
    real.made.push(made);
    real.runnables.push(made);
    model.runnables.push({ name, act: this.act, life: 'new', raced: false });
  }
  toString = () => `new Process(held, then ${shownAct(this.act)})`;
}

export class StartCommand extends OnRunnable {
  protected when = (each: Modelled) => each.life === 'new';
  protected async on(model: Model, real: Real): Promise<void> {
    model.step++;
    const each = model.runnables[this.which] as Modelled;
    const call = String(this);
    // Any timer start() sets is due at once: one that stands for the child's end is seen to stand for nothing.
    const started = await hoursLater(() => real.runnables[this.which]?.start());
    const promise = 'start() starts the child and returns at once, while it runs';
    if ('threw' in started) part(model, call, promise, 'returns', `throws ${errorText(started.threw)}`);
    else if (started.returned !== undefined) {
      void Promise.resolve(started.returned).catch(() => {});
      part(
        model,
        call,
        promise,
        'returns',
        `returns ${typeof (started.returned as Partial<PromiseLike<unknown>>).then === 'function' ? 'a promise' : String(started.returned)}`,
      );
    }
    const arrived = () => real.coordinator.events.find((event) => event.kind === 'started' && event.id === each.name);
    try {
      await real.coordinator.until(() => arrived() !== undefined, `${each.name}'s child at the rendezvous`, real.boundMs);
    } catch {
      part(model, call, `${promise}: its child reaches the rendezvous`, 'it does', `none came within ${Math.round(real.boundMs)} ms`);
    }
    const { pid, threadId } = arrived() as { pid: number; threadId: number };
    each.child = { pid, threadId };
    each.life = 'held';
  }
  override toString = () => `${this.name()}.start()`;
}

export class StartAgainCommand extends OnRunnable {
  protected when = (each: Modelled) => each.life !== 'new';
  protected async on(model: Model, real: Real): Promise<void> {
    model.step++;
    const each = model.runnables[this.which] as Modelled;
    const ours = `throws Error: ${callOf(each.act, each.name, real.coordinator.address)}: a ${real.kind} can only be started once`;
    let yours: string;
    try {
      const returned = real.runnables[this.which]?.start();
      yours = `returns ${String(returned)}`;
    } catch (error) {
      yours = `throws ${errorText(error)}`;
    }
    judge(model, String(this), 'a second start() is refused: a child runs its target once', [ours], yours);
  }
  override toString = () => `${this.name()}.start() again`;
}

export class EarlyJoinCommand extends OnRunnable {
  protected when = (each: Modelled) => each.life === 'new';
  protected async on(model: Model, real: Real): Promise<void> {
    model.step++;
    const each = model.runnables[this.which] as Modelled;
    const outcome = await outcomeOf(() => real.runnables[this.which]?.join(), real.boundMs, `Step ${model.step}, ${this}`);
    const ours = `rejects with Error: ${callOf(each.act, each.name, real.coordinator.address)}: can only join a ${real.kind} that was started; call start() first`;
    judge(model, String(this), 'join() before start() is refused: there is no child to wait for', [ours], said(outcome));
  }
  override toString = () => `${this.name()}.join() before start()`;
}

export class JoinCommand extends OnRunnable {
  protected when = (each: Modelled) => each.life !== 'new';
  protected async on(model: Model, real: Real): Promise<void> {
    model.step++;
    const each = model.runnables[this.which] as Modelled;
    const runnable = real.runnables[this.which] as ModelledRunnable;
    if (each.life !== 'held') {
      const outcome = await outcomeOf(() => runnable.join(), real.boundMs, `Step ${model.step}, ${this}`);
      return settledAs(model, real, this.which, String(this), said(outcome));
    }
    // The child is held for as long as the program says: with the clock hours ahead, every timer the class
    // sets is due at once, and join must still be waiting.
    let entry: HeldJoin | undefined;
    const joined = await hoursLater(() => {
      const promise = runnable.join();
      entry = heldJoinOf(this.which, model.step, promise);
      return promise;
    });
    if ('threw' in joined) return part(model, String(this), 'join() returns a promise', 'a promise', `throws ${errorText(joined.threw)}`);
    const held = entry as HeldJoin;
    if (held.settled) {
      const earlier = real.heldJoins.some((other) => other.which === this.which && !other.settled);
      const [promise, id]: [string, FailureId] = earlier
        ? ['join() again waits as the first still does: for the same child, held', 'join.outcome-changed']
        : ['join() waits for its child however long it lives: past every timer, the clock hours ahead', 'join.gave-up-on-a-timer'];
      return part(model, String(this), promise, `pending while ${each.name}'s child is held`, said(await held.outcome), id);
    }
    real.heldJoins.push(held);
  }
  override toString = () => `${this.name()}.join()`;
}

export class ReleaseCommand extends OnRunnable {
  protected when = (each: Modelled) => each.life === 'held';
  protected async on(model: Model, real: Real): Promise<void> {
    model.step++;
    await letGo(model, real, this.which, String(this));
    await joinsLetGo(model, real, this.which, String(this));
  }
  override toString = () => `${this.name()}'s child let go`;
}

export class TerminateCommand extends OnRunnable {
  protected when = () => true;
  protected async on(model: Model, real: Real): Promise<void> {
    model.step++;
    const each = model.runnables[this.which] as Modelled;
    const outcome = await outcomeOf(() => real.runnables[this.which]?.terminate?.(), real.boundMs, `Step ${model.step}, ${this}`);
    judge(model, String(this), 'terminate() ends the child, if it runs, and resolves: before start(), after its end, twice', ['resolves'], said(outcome));
    if (each.settled !== undefined || each.life === 'new' || each.life === 'killed') return;
    each.raced = each.life === 'released';
    each.life = 'killed';
    await joinsLetGo(model, real, this.which, String(this));
  }
  override toString = () => `${this.name()}.terminate()`;
}

export class PidCommand extends OnRunnable {
  protected when = () => true;
  protected async on(model: Model, real: Real): Promise<void> {
    model.step++;
    const each = model.runnables[this.which] as Modelled;
    const field = real.kind === 'process' ? 'pid' : 'threadId';
    const ours = each.child === undefined ? undefined : each.child[field];
    const yours = real.runnables[this.which]?.[field];
    const promise = `${field} is undefined before start(), then its own child's, for good`;
    if (yours !== ours) part(model, `${each.name}.${field}`, promise, String(ours), String(yours), real.kind === 'process' ? 'process.wrong-pid' : undefined);
  }
  override toString = () => `${this.name()}.pid`;
}

export class ExitCodeCommand extends OnRunnable {
  protected when = () => true;
  protected async on(model: Model, real: Real): Promise<void> {
    model.step++;
    const each = model.runnables[this.which] as Modelled;
    const allowed = exitCodesAllowed(real.kind, each, real.coordinator.address);
    const yours = real.runnables[this.which]?.exitCode;
    const promise = 'exitCode is null until the child has ended; then 0, 1 if the task threw, its own code, or null if killed';
    if (!allowed.includes(yours as number | null)) part(model, `${each.name}.exitCode`, promise, allowed.map(String).join(', or '), String(yours));
  }
  override toString = () => `${this.name()}.exitCode`;
}
