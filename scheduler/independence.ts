/**
 * When two steps commute: taken in either order, from the same state, they leave the same state, and
 * neither can stop the other. The partial-order reduction (exploration.ts) leans on it to explore a
 * schedule that only reorders such steps of one already explored no more, as loom's DPOR does.
 *
 * A step's access lists what it reads and writes, as the state is when it would be taken (every other
 * thread is blocked, so the scheduler knows): a cell's value, a cell's waiters, the clock. Two steps are
 * dependent when one writes what the other reads or writes. So a load reads the value; a compare-exchange
 * that will fail only reads it; a wait reads it, and joins the waiters only if it will sleep; a notify
 * writes the waiters, and so does a wake. A step not yet taken reads the clock (the code after it may
 * call performance.now); once taken, it reads it only if that code did. A timeout that expires writes
 * the clock, and leaves the cell's waiters.
 *
 * It assumes what the scheduler already cannot see is not there: code between two steps that reads or
 * writes shared memory plainly (not through Atomics) would make steps that look independent not commute.
 */
export type Access = string;

export const clock = 'the clock';

/** `reads lock[0], reads the clock, writes lock[0]'s waiters`: what a step touches, as a reader (and a replay check) reads it. */
export function access(reads: readonly string[], writes: readonly string[]): Access {
  return [...[...reads, clock].map((each) => `reads ${each}`), ...writes.map((each) => `writes ${each}`)].join(', ');
}

/** What a step took touched, once taken: the same, but the clock only if the code after it read it. */
export function taken(pending: Access, readTheClock: boolean): Access {
  return readTheClock
    ? pending
    : pending
        .split(', ')
        .filter((part) => part !== `reads ${clock}`)
        .join(', ');
}

interface Parsed {
  readonly reads: ReadonlySet<string>;
  readonly writes: ReadonlySet<string>;
}

/** Accesses are few and asked about often (every pair of steps, every execution): each is parsed once. */
const parsed = new Map<Access, Parsed>();

function parse(one: Access): Parsed {
  let known = parsed.get(one);
  if (known === undefined) {
    const reads = new Set<string>();
    const writes = new Set<string>();
    for (const part of one.split(', ')) (part.startsWith('reads ') ? reads : writes).add(part.slice(part.indexOf(' ') + 1));
    known = { reads, writes };
    parsed.set(one, known);
  }
  return known;
}

const meets = (writes: ReadonlySet<string>, other: Parsed) => {
  for (const each of writes) if (other.reads.has(each) || other.writes.has(each)) return true;
  return false;
};

export function independent(a: Access, b: Access): boolean {
  const [x, y] = [parse(a), parse(b)];
  return !meets(x.writes, y) && !meets(y.writes, x);
}
