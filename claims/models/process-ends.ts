/**
 * What the process model knows of each Process (or Thread) a program made, and how the contract says each
 * one ends: as text, to compare with what the class did (outcome.ts), a failure reading the two side by side.
 */
import process from 'node:process';
import type { TaskRef } from '../../src/runtime/task.ts';
import type { Act } from '../tasks/faults.ts';
import { describe, type Outcome } from './outcome.ts';
import { shown } from './pool-map.ts';

/** What a Process or Thread offers. A learner's Process has no `exitCode` nor `terminate()`: its model calls neither. */
export interface ModelledRunnable {
  readonly pid?: number | undefined;
  readonly threadId?: number | undefined;
  readonly exitCode?: number | null;
  start(): unknown;
  join(): Promise<void>;
  terminate?(): Promise<void>;
}

export type RunnableClass = new (target: TaskRef<never[]>, args?: unknown[]) => ModelledRunnable;

/** The class judged, and which of the two it is: a child process, or a worker thread of this process. */
export interface Judged {
  readonly Runnable: RunnableClass;
  readonly kind: 'process' | 'thread';
}

/**
 * Where a runnable is in its life, as the program made it: not started; started, its child held at the
 * rendezvous; let go, to do its act; or ended by terminate() (`raced`: after it was let go, when its own end
 * may have come first).
 */
export type Life = 'new' | 'held' | 'released' | 'killed';

export interface Modelled {
  /** `p0`, `p1`: how the program's steps name it, and its id at the rendezvous. */
  readonly name: string;
  readonly act: Act;
  life: Life;
  raced: boolean;
  /** Who ran it, as the rendezvous heard it: the child's pid, or the worker's threadId. */
  child?: { readonly pid: number; readonly threadId: number };
  /** How its first join settled, said as an outcome: every later join settles the same. */
  settled?: string;
}

/** What the class did, said as the model says what it should: a rejection's cause's own cause too. */
export function said(outcome: Outcome): string {
  const cause = 'rejected' in outcome ? (outcome.rejected as { cause?: { cause?: unknown } } | undefined)?.cause?.cause : undefined;
  return describe(outcome) + (cause === undefined ? '' : `; its cause ${shown(cause)}`);
}

/** The task's call as errors name it: ours writes each argument as JSON. */
export const callOf = (act: Act, name: string, address: string) =>
  `heldThenPerform(${[act, name, address].map((arg) => JSON.stringify(arg)).join(', ')}) from held.ts`;

/** The child as errors name it. */
function where(kind: Judged['kind'], child: Modelled['child']): string {
  return kind === 'process' ? `process ${child?.pid}` : `thread ${child?.threadId} of process ${process.pid}`;
}

/** How the task's own act ends it, as join says it. */
function ownEnd(kind: Judged['kind'], each: Modelled, call: string): string {
  const { behaviour, value } = each.act;
  if (behaviour === 'succeed') return 'resolves';
  if (behaviour === 'throw') {
    return `rejects with TaskError: ${call} failed: download ${value} failed; cause DownloadFailed: download ${value} failed; its cause Error: connection reset`;
  }
  return `rejects with TaskError: ${call} did not finish: ${where(kind, each.child)} exited with code ${value}`;
}

/** Every way its join may settle: its own end, or terminate()'s, or either when the two raced. */
export function endsAllowed(kind: Judged['kind'], each: Modelled, address: string): string[] {
  if (each.settled !== undefined) return [each.settled];
  const call = callOf(each.act, each.name, address);
  const killed = `rejects with TaskError: ${call} did not finish: ${where(kind, each.child)} was killed by ${kind === 'process' ? 'SIGKILL' : 'terminate()'}`;
  if (each.life !== 'killed') return [ownEnd(kind, each, call)];
  return each.raced ? [ownEnd(kind, each, call), killed] : [killed];
}

/** Python's exitcode: none before the end; 0, 1 when the task threw, its own code, or none when killed. */
function exitCodeOf(each: Modelled, end: string): number | null {
  if (end.includes('was killed by')) return null;
  const { behaviour, value } = each.act;
  return behaviour === 'succeed' ? 0 : behaviour === 'throw' ? 1 : value;
}

/** What `exitCode` may read now: null until the end is known; while it may be coming, either. */
export function exitCodesAllowed(kind: Judged['kind'], each: Modelled, address: string): (number | null)[] {
  if (each.life === 'new' || each.life === 'held') return [null];
  const ends = endsAllowed(kind, each, address).map((end) => exitCodeOf(each, end));
  return each.settled === undefined ? [null, ...ends] : ends;
}
