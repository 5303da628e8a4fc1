import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

/** The entry every child process and worker runs. */
export const runnerPath = fileURLToPath(new URL('./runner.ts', import.meta.url));

/**
 * The environment a child starts with. Stripping the types of our `.ts` modules costs a child about
 * 45 ms of its 80 ms start on Node 26 (`npm run bench`); Node's compile cache keeps the stripped and
 * compiled code on disk, so every child after the first skips that work. A cache the user set is kept.
 */
export function childEnv(): NodeJS.ProcessEnv {
  return { ...process.env, NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? join(tmpdir(), 'node-compile-cache') };
}
