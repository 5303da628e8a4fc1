/**
 * The threads a shared class's model runs its program in: this thread (the main one, when `npm test` runs
 * it) and one or two workers, each loading the judged class by module and export name. A worker is started
 * once per case and sent each of its steps by message; the case ends it, however the case ended.
 */
import { threadId, Worker } from 'node:worker_threads';
import { track } from '../../src/runtime/alive.ts';
import { childEnv } from '../../src/runtime/endpoint.ts';
import type { Case } from '../support/case.ts';
import { BoundExceeded, settlesWithin } from '../support/settles.ts';
import type { ClassRef } from '../tasks/judged.ts';
import { type Act, type Said, type Shape, SharedActs, type Via } from './shared-acts.ts';

/** A thread of the program: 0 is this one, 1 and 2 the workers. */
export type ThreadIndex = 0 | 1 | 2;

export interface ModelThread {
  /** As a step names it: `in the main thread`, `in worker 1`. */
  readonly name: string;
  /** Its Node threadId, which ours names in its errors. */
  readonly threadId: number;
  /** Does `act` there, and answers what it did; a step not answered within `waitMs` is not answered at all. */
  do(act: Act, waitMs: number, what: string): Promise<Said | undefined>;
}

const modelThread = new URL('../tasks/model-thread.ts', import.meta.url);

function inThisThread(acts: SharedActs): ModelThread {
  return { name: threadName(0), threadId, do: async (act) => acts.do(act) };
}

function inWorker(index: number, ref: ClassRef, buffer: SharedArrayBuffer, shape: Shape, thisCase: Case): ModelThread {
  const worker = new Worker(modelThread, { workerData: { ref, buffer, shape }, env: childEnv() });
  const description = `worker ${index} of a model's program (thread ${worker.threadId})`;
  const untrack = track({ description, kill: () => void worker.terminate() });
  worker.once('exit', untrack);
  // One step at a time: a step not answered leaves the worker stuck in it, and the case fails there.
  thisCase.defer(worker, (each) => each.terminate(), `ending ${description}`);
  return {
    name: threadName(index as ThreadIndex),
    threadId: worker.threadId,
    do: (act, waitMs, what) => {
      let died = (_error: Error) => {};
      const answered = new Promise<Said>((resolve, reject) => {
        died = reject;
        worker.once('message', resolve);
        worker.once('error', died);
      });
      worker.postMessage(act);
      return settlesWithin(answered, waitMs, what)
        .catch(() => undefined)
        .finally(() => worker.off('error', died));
    },
  };
}

/**
 * This thread and `workers` workers, each with its own object of the class over `buffer`; and the class's
 * own name, which ours says in its errors (a class exported under another name included).
 */
export async function startThreads(
  ref: ClassRef,
  buffer: SharedArrayBuffer,
  shape: Shape,
  workers: 1 | 2,
  thisCase: Case,
): Promise<{ threads: ModelThread[]; name: string }> {
  const acts = await SharedActs.load(ref, buffer, shape);
  const threads = [inThisThread(acts), ...Array.from({ length: workers }, (_, each) => inWorker(each + 1, ref, buffer, shape, thisCase))];
  return { threads, name: acts.className };
}

/**
 * What a step taken in one thread of the model has: the thread, and whether it goes through that thread's
 * own object or another made over the same buffer. It can be taken once the case has that thread.
 */
export abstract class InThread {
  readonly thread: ThreadIndex;
  readonly via: Via;
  constructor(thread: ThreadIndex, via: Via = 'its own') {
    this.thread = thread;
    this.via = via;
  }
  check(model: { readonly workers: number }): boolean {
    return this.thread <= model.workers;
  }
}

/** A thread as a step names it, before any runs. */
export const threadName = (thread: ThreadIndex) => (thread === 0 ? 'in the main thread' : `in worker ${thread}`);

/** A step of the program in `thread`: what it did, or, if it never answered, the step fails there, as a hang. */
export async function stepIn(
  model: { readonly step: number },
  threads: readonly ModelThread[],
  thread: ThreadIndex,
  act: Act,
  waitMs: number,
  command: string,
): Promise<Said> {
  const said = await (threads[thread] as ModelThread).do(act, waitMs, `Step ${model.step}, ${command}`);
  if (said === undefined) throw new BoundExceeded(`Step ${model.step}, ${command} did not settle within ${Math.round(waitMs)} ms: the thread is still in it`);
  return said;
}

/**
 * The steps of a program that ran: fast-check says them for a program it generated (it skips a step its
 * model could not take); an example's program is a plain list, whose steps in a worker the case has not
 * (once shrunk to one worker) are skipped.
 */
export function ran(program: Iterable<object>, workers: 1 | 2): string {
  if (!Array.isArray(program)) return String(program).split(',').join('; ');
  return program
    .filter((command: { readonly thread?: ThreadIndex }) => (command.thread ?? 0) <= workers)
    .map(String)
    .join('; ');
}
