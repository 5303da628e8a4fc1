import { type ChildProcess, fork } from 'node:child_process';
import process from 'node:process';
import { track } from './alive.ts';
import { childEnv, type Endpoint, type Exit, entryPath } from './endpoint.ts';
import { type Answer, ownStdoutFlag } from './protocol.ts';
import { fromWire, toWire, type Wire } from './wire.ts';

/**
 * A child process running `entry.ts`, started with this very Node (`process.execPath`). Its output goes
 * to our stdout, as Python's children's does, unless `onStdout` takes it.
 */
export function startProcess(onStdout?: (chunk: string) => void): Endpoint {
  const child: ChildProcess = fork(entryPath, onStdout === undefined ? [] : [ownStdoutFlag], {
    execPath: process.execPath,
    env: childEnv(),
    // Messages cross as JSON, their values plain or cloned (wire.ts).
    serialization: 'json',
    stdio: ['ignore', onStdout === undefined ? 'inherit' : 'pipe', 'inherit', 'ipc'],
  });
  // Forking this very Node binary gets a pid at once; only a machine out of processes could refuse it.
  const pid = child.pid as number;
  const description = `process ${pid}`;
  const kill = () => void child.kill('SIGKILL');
  const untrack = track({ description, kill });
  if (onStdout !== undefined) child.stdout?.setEncoding('utf8').on('data', onStdout);
  // 'close', not 'exit': the child's output is only complete once its pipes have closed.
  const exited = new Promise<Exit>((resolve) => {
    child.once('close', (code, signal) => {
      untrack();
      resolve({ code, signal });
    });
  });
  const channel = () => child.channel as { ref(): void; unref(): void } | null | undefined;
  return {
    description,
    pid,
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
