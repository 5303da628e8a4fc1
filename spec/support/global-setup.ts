/**
 * Tags the run: every process it starts inherits PROCESS_VS_THREAD_RUN. After the whole run, any process
 * still carrying the tag (an orphan that escaped its spec file's check, whoever its parent now is) is
 * killed, and the run fails naming it. The tag is read from /proc, so this check runs on Linux; elsewhere
 * it says it is skipped, and the per-file check (src/alive.ts) still stands.
 */
import { randomUUID } from 'node:crypto';
import process from 'node:process';
import type { TestProject } from 'vitest/node';
import { childEnv } from '../../src/endpoint.ts';
import { killAll, taggedWith } from './process-table.ts';

const variable = 'PROCESS_VS_THREAD_RUN';

declare module 'vitest' {
  interface ProvidedContext {
    /** What passing tests print is shown (`npm test -- --silent=false`), not dropped. */
    passingOutputShown: boolean;
  }
}

export default function setup(project: TestProject): () => void {
  project.provide('passingOutputShown', project.vitest.config.silent === false);
  const tag = randomUUID();
  process.env[variable] = tag;
  // The compile cache our children use (src/endpoint.ts), for everything else the run starts too: vitest's
  // workers, the worker threads they start, and the standalone programs the spec runs (each of the liveness
  // spec's programs starts about 80 ms of CPU sooner). A cache the user set is kept.
  process.env.NODE_COMPILE_CACHE ??= childEnv().NODE_COMPILE_CACHE;
  return () => {
    // vitest's own workers carry the tag too, and may still be closing.
    const orphans = taggedWith(variable, tag)?.filter((entry) => !entry.command.includes('vitest'));
    if (orphans === undefined) {
      console.log(`The orphan check reads /proc, which ${process.platform} does not have: skipped.`);
      return;
    }
    killAll(orphans);
    if (orphans.length > 0) {
      throw new Error(
        `The run left ${orphans.length} process(es) behind; they were killed: ${orphans.map((each) => `${each.pid} (${each.command})`).join('; ')}`,
      );
    }
  };
}
