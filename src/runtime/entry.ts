/**
 * The one program that child processes and worker threads run. It waits for `run` messages, imports the
 * task's module, calls the named export once per call and answers with every call's outcome, one run at
 * a time, until `stop`.
 */
import { writeSync } from 'node:fs';
import process from 'node:process';
import { isMainThread, type MessagePort, parentPort } from 'node:worker_threads';
import { type SerializedError, serializeError } from './errors.ts';
import { endOfOutput } from './own-output.ts';
import { type Answer, ownStdoutFlag, type ToRunner } from './protocol.ts';
import { fromWire, toWire, type Wire } from './wire.ts';

interface Port {
  send(answer: Answer): void;
  listen(handler: (message: ToRunner) => void): void;
  leave(exitCode: number): void;
}

function processPort(): Port {
  const ownStdout = process.argv.find((arg) => arg.startsWith(`${ownStdoutFlag}=`));
  if (ownStdout !== undefined) {
    // Node writes to a pipe asynchronously, so a task that prints a lot and then calls process.exit()
    // would lose what was still queued; Python flushes at exit. Blocking writes finish before the next
    // line runs. Only a pipe of our own: an inherited one is shared with the parent, which needs it as it is.
    (process.stdout as unknown as { _handle?: { setBlocking?(blocking: boolean): void } })._handle?.setBlocking?.(true);
    // Where our own output ends, said last, as we exit (own-output.ts). First of the 'exit' listeners, as
    // it is added before the task's: what a task prints from its own 'exit' listener comes after it, and is not ours.
    const nonce = ownStdout.slice(ownStdoutFlag.length + 1);
    if (nonce !== '') process.once('exit', () => writeSync(1, endOfOutput(nonce)));
  }
  let leaving = false;
  // The parent is gone (it died, or was killed): nobody can use our answer, so we must not linger as an orphan.
  process.once('disconnect', () => {
    if (!leaving) process.exit();
  });
  return {
    send: (answer) => process.send?.(toWire(answer)),
    listen: (handler) => process.on('message', (wire) => handler(fromWire(wire as Wire) as ToRunner)),
    leave(exitCode) {
      leaving = true;
      process.exitCode = exitCode;
      process.disconnect?.();
    },
  };
}

function threadPort(): Port {
  const port = parentPort as MessagePort;
  return {
    send: (answer) => port.postMessage(answer),
    listen: (handler) => port.on('message', handler),
    leave(exitCode) {
      process.exitCode = exitCode;
      port.close();
    },
  };
}

type Task = (...args: unknown[]) => unknown;

/** Each task's function, once imported: a pool sends the same task thousands of times. */
const loaded = new Map<string, Task>();

async function load(module: string, name: string): Promise<Task> {
  const key = `${name} ${module}`;
  const known = loaded.get(key);
  if (known !== undefined) return known;
  const exports = (await import(module)) as Record<string, unknown>;
  const fn = exports[name];
  if (typeof fn !== 'function') {
    const functions = Object.keys(exports).filter((key) => typeof exports[key] === 'function');
    throw new TypeError(`${module} has no exported function named "${name}"; its exported functions are: ${functions.join(', ') || '(none)'}`);
  }
  loaded.set(key, fn as Task);
  return fn as Task;
}

/** Only an object or a function can be a thenable: `await` takes any other value as it is. */
function isThenable(value: unknown): value is PromiseLike<unknown> {
  if (typeof value !== 'object' && typeof value !== 'function') return false;
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** The run under way: its answer so far, and the call it is at. */
interface Run {
  readonly count: number;
  readonly values: unknown[];
  readonly failures: { index: number; error: SerializedError }[];
  at: number;
}

let running: Run | undefined;

/** Fails every call of the run from `run.at` on: they cannot finish. */
function failTheRest(run: Run, error: unknown): void {
  for (let index = run.at; index < run.count; index++) run.failures.push({ index, error: serializeError(error) });
}

/** Each call's own outcome: one failing call does not fail the others, as in Python's map. */
async function runCalls({ module, name, items, spread }: Extract<ToRunner, { type: 'run' }>): Promise<Answer> {
  const run: Run = { count: items.length, values: new Array<unknown>(items.length), failures: [], at: 0 };
  running = run;
  let fn: Task;
  try {
    fn = await load(module, name);
  } catch (error) {
    failTheRest(run, error);
    return run;
  }
  for (; run.at < run.count; run.at++) {
    try {
      const value = spread ? fn(...(items[run.at] as unknown[])) : fn(items[run.at]);
      // Only a promise is awaited: a trivial task must not pay a turn of the microtask queue per call.
      run.values[run.at] = isThenable(value) ? await value : value;
    } catch (error) {
      run.failures.push({ index: run.at, error: serializeError(error) });
    }
  }
  return run;
}

/** Sends the answer; a value that cannot be cloned (a function, a socket) is its call's failure, not the run's. */
function answer({ values, failures }: Answer): void {
  try {
    port.send({ values, failures });
  } catch {
    const sendable = { values: [...values], failures: [...failures] };
    for (const [index, value] of values.entries()) {
      try {
        structuredClone(value);
      } catch (error) {
        sendable.values[index] = undefined;
        const reason = new TypeError(`the task's result cannot be sent to the parent: ${(error as Error).message}`);
        sendable.failures.push({ index, error: serializeError(reason) });
      }
    }
    port.send(sendable);
  }
}

const port = isMainThread ? processPort() : threadPort();

// An error thrown outside the task's own promise (a callback, a timer) belongs to the call that is
// running: it and the calls after it fail with it. Then we end, since our state can no longer be trusted.
process.on('uncaughtException', (error) => {
  if (running !== undefined) {
    failTheRest(running, error);
    answer(running);
  }
  process.exit(1);
});

port.listen(async (message) => {
  if (message.type === 'stop') {
    port.leave(message.exitCode);
    return;
  }
  const answered = await runCalls(message);
  running = undefined;
  answer(answered);
});
