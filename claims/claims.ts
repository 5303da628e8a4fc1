/**
 * Every claim of the document (the tutorial Process vs Thread), in the document's order, and the
 * document's errata. The ids are stable: spec titles start with them, `npm test` reports by them, and
 * the README's claims table is generated from this list (a spec checks that it is).
 */
export interface Claim {
  readonly id: string;
  /** The document's section the claim comes from. */
  readonly section: string;
  /** The claim, in our words. */
  readonly claim: string;
  /** What the spec proves, in a sentence, for the README. */
  readonly proves: string;
  /** The spec file that checks it. */
  readonly spec: string;
  /** Where Node differs from the document's Python, in one line. */
  readonly node?: string;
}

export const claims: readonly Claim[] = [
  {
    id: 'process.concurrent',
    section: 'Process',
    claim: 'Two processes started one after another run at the same time, and join waits for them: the total is about the slowest task, not the sum.',
    proves:
      'N processes started in turn all report "started" before any is let go (a rendezvous, not a stopwatch); `join` returns only after every download, so total ≥ slowest; total ≤ slowest + a margin from this run\'s own start-up, and below the sum.',
    spec: 'spec/process.spec.ts',
    node: "A Process is a child started with fork(process.execPath); its target is an exported function named by module URL and export name, since Node cannot pickle a function. As in Python, join() waits for the child alone, never for a process it left behind; with onStdout, it also delivers the child's own output whole before it settles, and drops what such a process prints after the child ended (spec/output.spec.ts).",
  },
  {
    id: 'process.own-pid',
    section: 'Process',
    claim: "Every process has its own pid, different from its parent's and from every other's.",
    proves: "The pid each child prints is its `Process.pid`, distinct from every other child's and from the parent's.",
    spec: 'spec/process.spec.ts',
  },
  {
    id: 'pool.waits',
    section: 'using Pool',
    claim:
      'A Pool "naturally waits": map returns only when every task is done, with results in input order, never more than `size` tasks at once, size defaulting to the number of CPUs.',
    proves:
      '`map` has not settled while any task is held; results come in input order; never more than `size` tasks live, nor more than `size` runners used; the pool does fill up to `size`; `Pool()` has `os.availableParallelism()` runners. For `Pool` and `ThreadPool` alike.',
    spec: 'spec/pool.spec.ts',
    node: 'The default size is os.availableParallelism(), which also honours CPU affinity.',
  },
  {
    id: 'process.no-shared-counter',
    section: 'using Pool',
    claim: "Processes do not share a global counter: Ping and Pong each print 10 lines, not 10 together, and the parent's counter stays 0.",
    proves:
      "For any words and limits, each process prints its own `limit` lines and the parent's counter stays 0; the document's own run prints 10 Ping and 10 Pong.",
    spec: 'spec/ping-pong.spec.ts',
  },
  {
    id: 'thread.concurrent',
    section: 'Thread',
    claim: 'Two threads started one after another run at the same time too, and join waits for them.',
    proves: 'N threads started in turn all report "started" before any is let go; `join` returns only after every download.',
    spec: 'spec/thread.spec.ts',
    node: 'A Thread is a worker_threads Worker: a thread of this process with its own V8 heap and event loop.',
  },
  {
    id: 'thread.same-process',
    section: 'Thread',
    claim: "Threads live inside one process: every thread reports its parent's pid, each with a thread id of its own.",
    proves: "Every thread prints the parent's pid and its own `threadId`, distinct and never the main thread's 0.",
    spec: 'spec/thread.spec.ts',
  },
  {
    id: 'thread.shared-memory',
    section: 'Thread',
    claim: 'Threads share memory: Ping and Pong counting on one shared counter print 10 lines together, not 10 each.',
    proves:
      'On a counter in a SharedArrayBuffer, any number of threads print `limit` lines together, under every schedule of two threads up to two preemptions too; a module-level counter, or an object sent to a thread, is copied: each thread counts alone and the sender never sees a change.',
    spec: 'spec/thread.spec.ts',
    node: 'Workers share only what lives in a SharedArrayBuffer; a module-level variable, or an object sent to a worker, is copied, as between processes.',
  },
  {
    id: 'lock.exact-balance',
    section: 'Thread',
    claim: 'With the lock, any number of threads depositing any amounts leave exactly the sum: 100 threads depositing ¥1 leave ¥100.',
    proves:
      "For 1 to 16 threads passing a start barrier together, the balance is the sum and the lock is free; the document's 100 threads leave ¥100; no schedule of the real deposit in real threads, up to two preemptions, loses an update.",
    spec: 'spec/lock.spec.ts',
    node: 'The lock is one Int32 in a SharedArrayBuffer, taken by Atomics.compareExchange; a waiting thread sleeps in Atomics.wait. Schedules are chosen by the spec: each Atomics operation of the real code, in real workers, waits for its turn (scheduler/), as loom does for Rust.',
  },
  {
    id: 'lock.lost-update',
    section: 'Thread',
    claim: 'Without the lock, deposits that overlap lose updates: the balance ends below the sum.',
    proves:
      'With every read arranged before any write (a barrier between them), the balance is one deposit, below the sum; among the schedules of the real deposit without the lock, some lose an update, and fast-check shrinks one to read, read, write, write.',
    spec: 'spec/lock.spec.ts',
  },
  {
    id: 'lock.mutual-exclusion',
    section: 'Thread',
    claim: 'The lock lets one thread at a time between acquire and release: never two holders at once, and a thread that does not hold it cannot release it.',
    proves:
      'Under every schedule, up to two preemptions, of real threads running the real Lock (two taking it once or twice, with or without a timeout, and a third releasing it without holding it), never two are inside at once and the wrongful release is refused.',
    spec: 'spec/schedules.spec.ts',
  },
  {
    id: 'lock.no-lost-wakeup',
    section: 'Thread',
    claim:
      'A release always lets a waiting thread in: no thread waits forever for a free lock, and with a timeout, acquire gives up only once its time has passed.',
    proves:
      'Under every schedule, up to two preemptions, of two or three real threads taking the real Lock (with or without a timeout, and perhaps a fourth releasing it without holding it), none deadlocks (a deadlock is found at once, with its story), and an acquire with a timeout fails only once the virtual clock reaches its deadline.',
    spec: 'spec/schedules.spec.ts',
  },
  {
    id: 'lock.release-on-error',
    section: 'Thread',
    claim:
      'The lock is released in finally: after deposits that throw, it is free, later deposits proceed, and the balance is the sum of the deposits that succeeded.',
    proves:
      'For any deposits, some throwing while they hold the lock, in a ThreadPool and under every schedule of two threads up to two preemptions: the lock is free afterwards, a later deposit proceeds, the balance is the sum of the successful ones.',
    spec: 'spec/lock.spec.ts',
  },
];

/** What the document gets wrong. Each erratum that a property can catch has a test titled with its id. */
export interface Erratum {
  readonly id: string;
  readonly section: string;
  readonly erratum: string;
  /** Whether a test proves it (by a property) or it is a remark in prose. */
  readonly tested: boolean;
}

export const errata: readonly Erratum[] = [
  {
    id: 'erratum.total-shorter-than-slowest',
    section: 'Process',
    erratum:
      'The transcript ends "total spend 8.47 sec." although file2 took 9.24 s: a total taken from start to join cannot be shorter than its slowest task (process.concurrent).',
    tested: true,
  },
  {
    id: 'erratum.end-never-set',
    section: 'Process',
    erratum: 'The first program prints `end - start` but never sets `end` (the Thread version does): as written it raises NameError.',
    tested: false,
  },
  {
    id: 'erratum.pool-not-imported',
    section: 'using Pool',
    erratum: 'The Pool example uses `Pool` without importing it (`from multiprocessing import Pool`).',
    tested: false,
  },
  {
    id: 'erratum.comments-garbled',
    section: 'Thread',
    erratum:
      'The Account example\'s Chinese comments, and the final `print`, lost their characters to an encoding accident (`??余??`); the print means "balance: ¥100".',
    tested: false,
  },
];

/** The form of every id: dotted lowercase words, as `process.concurrent` or `erratum.end-never-set`. */
export const idPattern = '[a-z]+(?:\\.[a-z]+(?:-[a-z]+)*)+';

/** The claim or erratum id a test names at the start of its title: `process.concurrent: ...`. */
export function claimIdOf(testName: string): string | undefined {
  return new RegExp(`^(${idPattern}):`).exec(testName)?.[1];
}

export function claim(id: string): Claim {
  const found = claims.find((each) => each.id === id);
  if (found === undefined) throw new Error(`No claim with id "${id}" in claims/claims.ts`);
  return found;
}

/** A spec's title: the claim's id, then the claim itself, so the output reads like the document. */
export function title(id: string): string {
  return `${id}: ${claim(id).claim}`;
}
