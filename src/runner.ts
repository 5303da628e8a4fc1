/**
 * The one entry that child processes and worker threads run. It waits for `run` messages, imports the
 * task's module, calls the named export and answers `done` or `failed`, one task at a time, until `stop`.
 */
import process from 'node:process';
import { isMainThread, type MessagePort, parentPort } from 'node:worker_threads';
import { serializeError } from './errors.ts';
import type { FromRunner, ItemOutcome, ToRunner } from './protocol.ts';

interface Port {
  send(message: FromRunner): void;
  listen(handler: (message: ToRunner) => void): void;
  leave(exitCode: number): void;
}

function processPort(): Port {
  // The parent is gone (it died, or was killed): nobody can use our answer, so we must not linger as an orphan.
  process.once('disconnect', () => {
    if (!leaving) process.exit();
  });
  let leaving = false;
  return {
    send: (message) => process.send?.(message),
    listen: (handler) => process.on('message', handler as (message: unknown) => void),
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
    send: (message) => port.postMessage(message),
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

const port = isMainThread ? processPort() : threadPort();
let running: number | undefined;

function unsendable(error: unknown): Error {
  return new TypeError(`the task's result cannot be sent to the parent: ${(error as Error).message}`);
}

/** A chunk's answer failed to send: find the results that cannot be cloned and fail just those items. */
function sendable(outcomes: readonly ItemOutcome[]): ItemOutcome[] {
  return outcomes.map((outcome) => {
    try {
      if (outcome.ok) structuredClone(outcome.value);
      return outcome;
    } catch (error) {
      return { ok: false, error: serializeError(unsendable(error)) };
    }
  });
}

function answer(message: FromRunner): void {
  try {
    port.send(message);
  } catch (error) {
    // A result that cannot be cloned (a function, a socket) is the task's failure, not the runner's.
    if (message.type === 'chunk-done') port.send({ ...message, outcomes: sendable(message.outcomes) });
    else port.send({ type: 'failed', id: message.id, error: serializeError(unsendable(error)) });
  }
}

/** Each item's own outcome: one failing item does not fail its chunk, as in Python's map. */
async function runChunk(fn: Task, items: readonly unknown[]): Promise<ItemOutcome[]> {
  const outcomes: ItemOutcome[] = [];
  for (const item of items) {
    try {
      outcomes.push({ ok: true, value: await fn(item) });
    } catch (error) {
      outcomes.push({ ok: false, error: serializeError(error) });
    }
  }
  return outcomes;
}

// An error thrown outside the task's own promise (a callback, a timer) still belongs to the task that
// is running: report it as that task's failure, then end, since our state can no longer be trusted.
process.on('uncaughtException', (error) => {
  if (running !== undefined) port.send({ type: 'failed', id: running, error: serializeError(error) });
  process.exit(1);
});

port.listen(async (message) => {
  if (message.type === 'stop') {
    port.leave(message.exitCode);
    return;
  }
  running = message.id;
  try {
    const fn = await load(message.module, message.name);
    if (message.type === 'chunk') answer({ type: 'chunk-done', id: message.id, outcomes: await runChunk(fn, message.items) });
    else answer({ type: 'done', id: message.id, value: await fn(...message.args) });
  } catch (error) {
    answer({ type: 'failed', id: message.id, error: serializeError(error) });
  } finally {
    running = undefined;
  }
});
