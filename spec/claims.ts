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
