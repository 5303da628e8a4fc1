import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

/** The entry every child process and worker runs. */
export const runnerPath = fileURLToPath(new URL('./runner.ts', import.meta.url));

/**
 * The environment a child starts with. Without a compile cache, stripping and compiling our `.ts`
 * modules costs a child about 55 ms of its 95 ms start on Node 26; Node's compile cache keeps that work
 * on disk, so every child after the first starts as fast as the same code as plain `.mjs` (`npm run bench`
 * measures both). A cache the user set is kept.
 */
export function childEnv(): NodeJS.ProcessEnv {
  return { ...process.env, NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? join(tmpdir(), 'node-compile-cache') };
}
