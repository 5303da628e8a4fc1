/**
 * The one entry that child processes and worker threads run. It waits for `run` messages, imports the
 * task's module, calls the named export and answers `done` or `failed`, one task at a time, until `stop`.
 */
import process from 'node:process';
import { isMainThread, type MessagePort, parentPort } from 'node:worker_threads';
import { serializeError } from './errors.ts';
import type { FromRunner, ItemFailure, ToRunner } from './protocol.ts';

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

/** A chunk's answer failed to send: find the values that cannot be cloned and fail just those items. */
function sendable(message: Extract<FromRunner, { type: 'chunk-done' }>): FromRunner {
  const values = [...message.values];
  const failures = [...message.failures];
  for (const [offset, value] of values.entries()) {
    try {
      structuredClone(value);
    } catch (error) {
      values[offset] = undefined;
      failures.push({ offset, error: serializeError(unsendable(error)) });
    }
  }
  return { ...message, values, failures };
}

function answer(message: FromRunner): void {
  try {
    port.send(message);
  } catch (error) {
    // A result that cannot be cloned (a function, a socket) is the task's failure, not the runner's.
    if (message.type === 'chunk-done') port.send(sendable(message));
    else port.send({ type: 'failed', id: message.id, error: serializeError(unsendable(error)) });
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** Each item's own outcome: one failing item does not fail its chunk, as in Python's map. */
async function runChunk(fn: Task, items: readonly unknown[]): Promise<{ values: unknown[]; failures: ItemFailure[] }> {
  const values = new Array<unknown>(items.length);
  const failures: ItemFailure[] = [];
  for (const [offset, item] of items.entries()) {
    try {
      const value = fn(item);
      // Only a promise is awaited: a trivial task must not pay a turn of the microtask queue per item.
      values[offset] = isThenable(value) ? await value : value;
    } catch (error) {
      failures.push({ offset, error: serializeError(error) });
    }
  }
  return { values, failures };
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
    if (message.type === 'chunk') answer({ type: 'chunk-done', id: message.id, ...(await runChunk(fn, message.items)) });
    else answer({ type: 'done', id: message.id, value: await fn(...message.args) });
  } catch (error) {
    answer({ type: 'failed', id: message.id, error: serializeError(error) });
  } finally {
    running = undefined;
  }
});
