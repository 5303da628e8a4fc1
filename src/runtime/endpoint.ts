import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import type { Answer, ToRunner } from './protocol.ts';

/** How a process or thread ended. */
export interface Exit {
  readonly code: number | null;
  readonly signal: string | null;
  /** An error the thread raised outside any task (a worker's `error` event). */
  readonly error?: Error;
}

/**
 * A child process or a worker thread running `entry.ts`, as its parent holds it: the one thing that
 * differs between the two backends. A Runner (`runner.ts`) drives it.
 */
export interface Endpoint {
  /** "process 1234" or "thread 3 of process 1234". */
  readonly description: string;
  readonly pid: number;
  readonly threadId: number;
  post(message: ToRunner): void;
  onMessage(handler: (answer: Answer) => void): void;
  /** Called once, when the process or thread has ended and all it printed has been delivered. */
  onExit(handler: (exit: Exit) => void): void;
  kill(): void;
  /** Whether this endpoint keeps the parent's event loop alive. */
  ref(keepAlive: boolean): void;
}

/** The program every child process and worker runs. */
export const entryPath = fileURLToPath(new URL('./entry.ts', import.meta.url));

/**
 * The environment a child starts with. Without a compile cache, stripping and compiling our `.ts`
 * modules costs a child about 55 ms of its 95 ms start on Node 26; Node's compile cache keeps that work
 * on disk, so every child after the first starts as fast as the same code as plain `.mjs` (`npm run bench`
 * measures both). A cache the user set is kept.
 */
export function childEnv(): NodeJS.ProcessEnv {
  return { ...process.env, NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? join(tmpdir(), 'node-compile-cache') };
}
