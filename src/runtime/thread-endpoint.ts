import process from 'node:process';
import { Worker } from 'node:worker_threads';
import { track } from './alive.ts';
import { childEnv, type Endpoint, type Exit, entryPath } from './endpoint.ts';
import type { Answer } from './protocol.ts';

export interface ThreadOptions {
  /** Takes the worker's stdout instead of letting it print to ours. */
  readonly onStdout?: (chunk: string) => void;
  /** V8 heap limits for the worker; exceeding them ends the worker, not the process. */
  readonly resourceLimits?: { readonly maxOldGenerationSizeMb?: number; readonly maxYoungGenerationSizeMb?: number };
}

/** A worker thread running `entry.ts`, inside this very process. */
export function startThread(options: ThreadOptions = {}): Endpoint {
  const worker = new Worker(entryPath, {
    env: childEnv(),
    stdout: options.onStdout !== undefined,
    ...(options.resourceLimits === undefined ? {} : { resourceLimits: options.resourceLimits }),
  });
  const description = `thread ${worker.threadId} of process ${process.pid}`;
  let terminated = false;
  const kill = () => {
    terminated = true;
    void worker.terminate();
  };
  const untrack = track({ description, kill });
  let error: Error | undefined;
  worker.on('error', (raised: Error) => {
    error = raised;
  });
  const outputDone = new Promise<void>((resolve) => {
    if (options.onStdout === undefined) resolve();
    else worker.stdout.setEncoding('utf8').on('data', options.onStdout).once('end', resolve);
  });
  const exited = new Promise<Exit>((resolve) => {
    worker.once('exit', (code) => {
      untrack();
      void outputDone.then(() => resolve({ code, signal: terminated ? 'terminate()' : null, ...(error === undefined ? {} : { error }) }));
    });
  });
  return {
    description,
    pid: process.pid,
    threadId: worker.threadId,
    post: (message) => worker.postMessage(message),
    onMessage: (handler) => worker.on('message', (answer) => handler(answer as Answer)),
    onExit: (handler) => void exited.then(handler),
    kill,
    ref: (keepAlive) => (keepAlive ? worker.ref() : worker.unref()),
  };
}
