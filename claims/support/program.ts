import { execFile } from 'node:child_process';
import process from 'node:process';

export interface Ended {
  readonly code: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
  /** It had not ended by itself within the bound, and was killed. */
  readonly timedOut: boolean;
}

/** Runs a standalone Node program (this very Node) to its end, or kills it at `boundMs`; never rejects. */
export function runProgram(path: string, args: readonly string[], boundMs: number, env: NodeJS.ProcessEnv = process.env): Promise<Ended> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path, ...args],
      { env, timeout: Math.ceil(boundMs), killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const failed = error as (Error & { code?: number | string; signal?: string | null; killed?: boolean }) | null;
        resolve({
          code: failed === null ? 0 : typeof failed.code === 'number' ? failed.code : null,
          signal: failed?.signal ?? null,
          stdout,
          stderr,
          timedOut: failed?.killed === true,
        });
      },
    );
  });
}
