/**
 * Every claim of the document (shared/seed/process-vs-thread.md), in the document's order. The ids are
 * stable: specs name them in their titles, and the README's table is checked against this list.
 */
export interface Claim {
  readonly id: string;
  /** The document's section the claim comes from. */
  readonly section: string;
  /** The claim, in our words. */
  readonly claim: string;
  /** Where Node differs from the document's Python, in one line. */
  readonly node?: string;
}

export const claims: readonly Claim[] = [
  {
    id: 'process.concurrent',
    section: 'Process',
    claim: 'Two processes started one after another run at the same time, and join waits for them: the total is about the slowest task, not the sum.',
    node: "A Process is a child started with fork(process.execPath); its target is an exported function named by module URL and export name, since Node cannot pickle a function.",
  },
  {
    id: 'process.own-pid',
    section: 'Process',
    claim: 'Every process has its own pid, different from its parent\'s and from every other\'s.',
  },
  {
    id: 'pool.waits',
    section: 'using Pool',
    claim: 'A Pool "naturally waits": map returns only when every task is done, with results in input order, never more than `size` tasks at once, size defaulting to the number of CPUs.',
    node: 'The default size is os.availableParallelism(), which also honours CPU affinity.',
  },
  {
    id: 'process.no-shared-counter',
    section: 'using Pool',
    claim: 'Processes do not share a global counter: Ping and Pong each print 10 lines, not 10 together, and the parent\'s counter stays 0.',
  },
  {
    id: 'thread.concurrent',
    section: 'Thread',
    claim: 'Two threads started one after another run at the same time too, and join waits for them.',
    node: 'A Thread is a worker_threads Worker: a thread of this process with its own V8 heap and event loop.',
  },
  {
    id: 'thread.same-process',
    section: 'Thread',
    claim: 'Threads live inside one process: every thread reports its parent\'s pid, each with a thread id of its own.',
  },
  {
    id: 'thread.shared-memory',
    section: 'Thread',
    claim: 'Threads share memory: Ping and Pong counting on one shared counter print 10 lines together, not 10 each.',
    node: 'Workers share only what lives in a SharedArrayBuffer; a module-level variable, or an object sent to a worker, is copied, as between processes.',
  },
  {
    id: 'lock.exact-balance',
    section: 'Thread',
    claim: 'With the lock, any number of threads depositing any amounts leave exactly the sum: 100 threads depositing ¥1 leave ¥100.',
    node: 'The lock is one Int32 in a SharedArrayBuffer, taken by Atomics.compareExchange; a waiting thread sleeps in Atomics.wait.',
  },
  {
    id: 'lock.lost-update',
    section: 'Thread',
    claim: 'Without the lock, deposits that overlap lose updates: the balance ends below the sum.',
  },
  {
    id: 'lock.release-on-error',
    section: 'Thread',
    claim: 'The lock is released in finally: after deposits that throw, it is free, later deposits proceed, and the balance is the sum of the deposits that succeeded.',
  },
];

export function claim(id: string): Claim {
  const found = claims.find((each) => each.id === id);
  if (found === undefined) throw new Error(`No claim with id "${id}" in spec/claims.ts`);
  return found;
}

/** A spec's title: the claim's id, then the claim itself, so the output reads like the document. */
export function title(id: string): string {
  return `${id}: ${claim(id).claim}`;
}
