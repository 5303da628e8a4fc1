/**
 * `npm test`'s vitest, with its colours only where they can be seen: vitest colours its output even into
 * a pipe or a file (vitest-dev/vitest#9408), so a log read later is full of escape codes. Here output that
 * is not a terminal gets none (NO_COLOR), unless FORCE_COLOR asks for them; the arguments go to vitest.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import process from 'node:process';

const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
const plain = !process.stdout.isTTY && !('FORCE_COLOR' in process.env);
const child = spawn(process.execPath, [vitest, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: plain ? { ...process.env, NO_COLOR: '1' } : process.env,
});
// Ctrl-C reaches vitest too (one process group); this wrapper only reports how it ended.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => {});
child.on('exit', (code, signal) => {
  process.exitCode = code ?? 128 + (signal === 'SIGINT' ? 2 : 15);
});
