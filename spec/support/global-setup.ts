/**
 * Tags the run: every process it starts inherits PROCESS_VS_THREAD_RUN. After the whole run, any process
 * still carrying the tag (an orphan that escaped its spec file's check, whoever its parent now is) is
 * killed, and the run fails naming it. The tag is read from /proc on Linux; elsewhere (or with
 * PROCESS_TABLE=portable) every Node process of the run says it itself (process-table.ts), in a folder
 * made here.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import type { TestProject } from 'vitest/node';
import { killAll, portable, taggedWith } from '../../claims/support/process-table.ts';
import { childEnv } from '../../src/runtime/endpoint.ts';

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
  // The compile cache our children use (src/runtime/endpoint.ts), for everything else the run starts too: vitest's
  // workers, the worker threads they start, and the standalone programs the spec runs (each of the liveness
  // spec's programs starts about 80 ms of CPU sooner). A cache the user set is kept.
  process.env.NODE_COMPILE_CACHE ??= childEnv().NODE_COMPILE_CACHE;
  const folder = portable ? mkdtempSync(join(tmpdir(), 'process-table-')) : undefined;
  if (folder !== undefined) {
    process.env.PROCESS_TABLE_FOLDER = folder;
    const said = new URL('../../claims/support/say-own-pid.ts', import.meta.url).href;
    process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --import=${said}`.trim();
  }
  return () => {
    // vitest's own workers carry the tag too, and may still be closing.
    const orphans = taggedWith(variable, tag)?.filter((entry) => !entry.command.includes('vitest')) ?? [];
    if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
    killAll(orphans);
    if (orphans.length > 0) {
      throw new Error(
        `The run left ${orphans.length} process(es) behind; they were killed: ${orphans.map((each) => `${each.pid} (${each.command})`).join('; ')}`,
      );
    }
  };
}
