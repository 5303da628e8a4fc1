import { type ChildProcess, fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import process from 'node:process';
import type { Readable } from 'node:stream';
import { track } from './alive.ts';
import { childEnv, type Endpoint, type Exit, entryPath } from './endpoint.ts';
import { readOwnOutput } from './own-output.ts';
import { type Answer, ownStdoutFlag } from './protocol.ts';
import { fromWire, toWire, type Wire } from './wire.ts';

/**
 * How long a child that exited without saying where its output ends, and was not killed (a native crash,
 * `process.reallyExit`), may keep its pipe open: past this, a process it left behind holds it.
 */
const unsaidEndMs = 500;

/**
 * A child process running `entry.ts`, started with this very Node (`process.execPath`). Its output goes
 * to our stdout, as Python's children's does, unless `onStdout` takes it: then it has ended once it has
 * exited, its messages have all arrived, and its own output is whole (own-output.ts), never waiting
 * for a process it left behind.
 */
export function startProcess(onStdout?: (chunk: string) => void): Endpoint {
  const nonce = randomUUID();
  const child: ChildProcess = fork(entryPath, onStdout === undefined ? [] : [`${ownStdoutFlag}=${nonce}`], {
    execPath: process.execPath,
    env: childEnv(),
    // Messages cross as JSON, their values plain or cloned (wire.ts).
    serialization: 'json',
    stdio: ['ignore', onStdout === undefined ? 'inherit' : 'pipe', 'inherit', 'ipc'],
  });
  // Forking this very Node binary gets a pid at once; only a machine out of processes could refuse it.
  const kill = () => void child.kill('SIGKILL');
  const untrack = track({ description: `process ${child.pid}`, kill });
  // Not 'close': that waits for every process holding the child's stdout. Not 'exit' alone: its last
  // messages and output may still be on their way.
  const output = onStdout === undefined ? undefined : readOwnOutput(child.stdout as Readable, nonce, onStdout);
  const disconnected = new Promise<void>((resolve) => child.once('disconnect', resolve));
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => {
      untrack();
      // A killed child cannot say where its output ends; what it wrote is in the pipe already, and is
      // read in the same turn of the event loop as its exit, before an immediate runs.
      const stop = () => setImmediate(() => output?.stop());
      if (output !== undefined && signal !== null) stop();
      const unsaid = output !== undefined && signal === null ? setTimeout(stop, unsaidEndMs) : undefined;
      void Promise.all([disconnected, output?.whole]).then(() => {
        clearTimeout(unsaid);
        resolve({ code, signal });
      });
    });
  });
  return handleOn(child, exited, kill);
}

/** The parent's handle on a forked child running `entry.ts`, given when it has ended and how to kill it. */
export function handleOn(child: ChildProcess, exited: Promise<Exit>, kill: () => void): Endpoint {
  const channel = () => child.channel as { ref(): void; unref(): void } | null | undefined;
  return {
    description: `process ${child.pid}`,
    pid: child.pid as number,
    threadId: 0,
    // A message sent just as the child dies fails in this callback; the child's exit then tells the task's fate.
    post: (message) => void child.send(toWire(message), () => {}),
    onMessage: (handler) => child.on('message', (wire) => handler(fromWire(wire as Wire) as Answer)),
    onExit: (handler) => void exited.then(handler),
    kill,
    ref(keepAlive) {
      // The IPC channel is a handle of its own: unref'ing the child alone leaves it holding the program.
      if (keepAlive) {
        child.ref();
        channel()?.ref();
      } else {
        child.unref();
        channel()?.unref();
      }
    },
  };
}
