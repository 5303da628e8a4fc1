/**
 * Tags the run: every process it starts inherits PROCESS_VS_THREAD_RUN. After the whole run, any process
 * still carrying the tag (an orphan that escaped its spec file's check, whoever its parent now is) is
 * killed, and the run fails naming it. The tag is read from /proc, so this check runs on Linux; elsewhere
 * it says it is skipped, and the per-file check (src/alive.ts) still stands.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import process from 'node:process';

const variable = 'PROCESS_VS_THREAD_RUN';

function tagged(tag: string): { pid: number; command: string }[] {
  const found: { pid: number; command: string }[] = [];
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const environment = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (!environment.includes(`${variable}=${tag}`)) continue;
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      // vitest's own workers carry the tag too, and may still be closing.
      if (!command.includes('vitest')) found.push({ pid: Number(entry), command });
    } catch {
      // Gone, or not ours to read.
    }
  }
  return found;
}

export default function setup(): () => void {
  const tag = randomUUID();
  process.env[variable] = tag;
  return () => {
    if (process.platform !== 'linux') {
      console.log(`The orphan check reads /proc, which ${process.platform} does not have: skipped.`);
      return;
    }
    const orphans = tagged(tag);
    for (const { pid } of orphans) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    if (orphans.length > 0) {
      throw new Error(
        `The run left ${orphans.length} process(es) behind; they were killed: ${orphans.map((each) => `${each.pid} (${each.command})`).join('; ')}`,
      );
    }
  };
}
