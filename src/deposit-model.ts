/**
 * The document's `deposit` as a model a learner can step through: each deposit is a short program of
 * steps (acquire, read, write, release with the lock; read, write without), and a schedule says which
 * deposit takes the next step. Running every schedule shows why the lock is needed; it complements the
 * real threads, it does not replace them.
 */
export type Action =
  /** Take the lock in one indivisible step (compare-and-exchange); wait while another holds it. */
  | 'acquire'
  /** Wait until the lock is free, without taking it: the first half of a check-then-set lock. */
  | 'check'
  /** Take the lock, whoever holds it: the second half. */
  | 'take'
  | 'read'
  | 'write'
  | 'release';

/** A deposit's steps, in order. */
export type Program = readonly Action[];

/** The document's deposit: `acquire(); try { read; sleep; write } finally { release() }`. */
export const withLock: Program = ['acquire', 'read', 'write', 'release'];

/** The same deposit, without the lock. */
export const withoutLock: Program = ['read', 'write'];

export interface Step {
  /** Which deposit, counted from 1 as a reader would. */
  readonly deposit: number;
  readonly action: Action;
  /** The balance read, or written. */
  readonly yen?: number;
}

export interface Run {
  readonly amounts: readonly number[];
  readonly program: Program;
  readonly steps: readonly Step[];
  readonly balance: number;
  readonly expected: number;
}

interface State {
  balance: number;
  holder: number | undefined;
  readonly next: number[];
  readonly read: number[];
  readonly steps: Step[];
}

/** Deposits that can take a step now: not finished, and not waiting for a lock another holds. */
function enabled(state: State, program: readonly Action[]): number[] {
  return state.next.flatMap((pc, deposit) => {
    if (pc >= program.length) return [];
    const action = program[pc];
    if ((action === 'acquire' || action === 'check') && state.holder !== undefined) return [];
    return [deposit];
  });
}

function step(state: State, program: readonly Action[], amounts: readonly number[], deposit: number): void {
  const action = program[state.next[deposit]] as Action;
  state.next[deposit] += 1;
  if (action === 'acquire' || action === 'take') state.holder = deposit;
  if (action === 'release') state.holder = undefined;
  if (action === 'read') state.read[deposit] = state.balance;
  if (action === 'write') state.balance = (state.read[deposit] as number) + (amounts[deposit] as number);
  const yen = action === 'read' ? state.read[deposit] : action === 'write' ? state.balance : undefined;
  state.steps.push({ deposit: deposit + 1, action, ...(yen === undefined ? {} : { yen }) });
}

function start(amounts: readonly number[]): State {
  return { balance: 0, holder: undefined, next: amounts.map(() => 0), read: amounts.map(() => 0), steps: [] };
}

function finish(amounts: readonly number[], program: Program, state: State): Run {
  return { amounts, program, steps: state.steps, balance: state.balance, expected: amounts.reduce((a, b) => a + b, 0) };
}

/**
 * Runs one schedule: the k-th choice picks among the deposits enabled at the k-th step (modulo their
 * number); once the choices run out, the first enabled deposit goes. Any list of numbers is a schedule,
 * which lets fast-check generate schedules and shrink a failing one to the shortest.
 */
export function runSchedule(amounts: readonly number[], program: Program, choices: readonly number[]): Run {
  const state = start(amounts);
  for (let k = 0, ready = enabled(state, program); ready.length > 0; k += 1, ready = enabled(state, program)) {
    const choice = choices[k] ?? 0;
    step(state, program, amounts, ready[choice % ready.length] as number);
  }
  return finish(amounts, program, state);
}

/** Every interleaving of the deposits, each once. There are (2N)! / 2^N of them without the lock. */
export function* everySchedule(amounts: readonly number[], program: Program): Generator<Run> {
  function* explore(choices: readonly number[]): Generator<Run> {
    const state = start(amounts);
    for (const deposit of choices) step(state, program, amounts, deposit);
    const ready = enabled(state, program);
    if (ready.length === 0) {
      yield finish(amounts, program, state);
      return;
    }
    for (const deposit of ready) yield* explore([...choices, deposit]);
  }
  yield* explore([]);
}

/** `deposit 1 reads ¥0, deposit 2 reads ¥0, deposit 1 writes ¥1, deposit 2 writes ¥1: balance ¥1, expected ¥2` */
export function describeRun(run: Run): string {
  const verbs: Record<Action, string> = {
    acquire: 'acquires the lock',
    check: 'finds the lock free',
    take: 'takes the lock',
    read: 'reads',
    write: 'writes',
    release: 'releases the lock',
  };
  const steps = run.steps.map(({ deposit, action, yen }) => `deposit ${deposit} ${verbs[action]}${yen === undefined ? '' : ` ¥${yen}`}`);
  return `${steps.join(', ')}: balance ¥${run.balance}, expected ¥${run.expected}`;
}
