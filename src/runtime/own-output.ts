import type { Readable } from 'node:stream';

/**
 * What `join()` promises about a child's output, when `onStdout` takes it: the child's own output,
 * whole, and nothing that waits for another process. A pipe closes only once every process holding it
 * has let go, and a task may leave a process behind that holds its stdout (a helper started with
 * `stdio: 'inherit'`); waiting for the close would wait for that helper, for ever if it never ends.
 * So the child says where its own output ends: the last thing it writes, as it exits, is a line with a
 * nonce only its parent knows (entry.ts). What arrives before it is delivered; once it has arrived, the
 * child's output is whole, and whatever comes after, from processes it left behind, is read and
 * dropped, so that they neither block on a full pipe nor keep this program alive.
 */
export function endOfOutput(nonce: string): string {
  return `\u0000end of output ${nonce}\u0000\n`;
}

export interface OwnOutput {
  /** Resolves once the child's own output is whole: its end arrived, or the pipe closed, or `stop()` was called. */
  readonly whole: Promise<void>;
  /** Stops delivering: for a child that died without saying where its output ends. */
  stop(): void;
}

export function readOwnOutput(stdout: Readable, nonce: string, deliver: (chunk: string) => void): OwnOutput {
  const end = endOfOutput(nonce);
  let pending = '';
  let ended = false;
  const { promise: whole, resolve: markWhole } = Promise.withResolvers<void>();
  const finish = () => {
    if (ended) return;
    ended = true;
    if (pending !== '') deliver(pending);
    pending = '';
    // Drained and dropped from here on; unref'd, so a helper still holding the pipe keeps nothing alive.
    (stdout as Readable & { unref?(): void }).unref?.();
    markWhole();
  };
  stdout.setEncoding('utf8');
  stdout.on('data', (chunk: string) => {
    if (ended) return;
    pending += chunk;
    const at = pending.indexOf(end);
    if (at >= 0) {
      pending = pending.slice(0, at);
      finish();
      return;
    }
    // Hold back only what could be the start of the end line, split across chunks.
    let keep = Math.min(pending.length, end.length - 1);
    while (keep > 0 && !end.startsWith(pending.slice(pending.length - keep))) keep -= 1;
    if (pending.length > keep) deliver(pending.slice(0, pending.length - keep));
    pending = pending.slice(pending.length - keep);
  });
  stdout.once('close', finish);
  return { whole, stop: finish };
}
