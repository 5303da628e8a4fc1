/** The document's programs, in its order, each run for real and drawn as a timeline. */
import process from 'node:process';
import { Barrier } from '../../claims/support/barrier.ts';
import { Account } from '../../src/account.ts';
import { Pool } from '../../src/pool.ts';
import { Process } from '../../src/process.ts';
import type { TaskRef } from '../../src/runtime/task.ts';
import { SharedCounter } from '../../src/shared-counter.ts';
import { downloadTask, timeToDownload } from '../../src/tasks/download.ts';
import { subTaskRef, subTaskSharedRef } from '../../src/tasks/ping-pong.ts';
import { Thread } from '../../src/thread.ts';
import { now } from './clock.ts';
import { SLOTS_PER_DEPOSIT, timedDepositTask, timedDownloadTask } from './tasks.ts';
import type { Row } from './timeline.ts';

export interface Options {
  /** The bank deposits under the lock, as the document's does; `false` shows what happens without. */
  readonly lock: boolean;
}

export interface Outcome {
  readonly rows: readonly Row[];
  /** What to notice, after the timeline. */
  readonly lines: readonly string[];
  /** The claims the program illustrates, by id. */
  readonly claims: readonly string[];
}

export interface Program {
  readonly name: string;
  /** Where it is in the document. */
  readonly title: string;
  run(options: Options): Promise<Outcome>;
}

type Runnable = Process | Thread;
type MakeRunnable = (task: TaskRef, args: unknown[], onStdout: (chunk: string) => void) => Runnable;

/**
 * Starts one Process or Thread per argument list, one after another, joins them in order, and returns a row each:
 * starting from start() until its first line of output, working from then until its join settled.
 */
async function startAndJoin(make: MakeRunnable, label: (runnable: Runnable) => string, task: TaskRef, argsList: unknown[][]) {
  const started = argsList.map((args) => {
    const at = { start: now(), firstOutput: Number.NaN, end: Number.NaN, output: '' };
    const runnable = make(task, args, (chunk) => {
      if (Number.isNaN(at.firstOutput)) at.firstOutput = now();
      at.output += chunk;
      process.stdout.write(chunk);
    });
    at.start = now();
    runnable.start();
    return { runnable, at, joined: runnable.join().finally(() => (at.end = now())) };
  });
  for (const each of started) await each.joined;
  return started.map(({ runnable, at }) => ({
    output: at.output,
    row: {
      label: label(runnable),
      segments: [
        { kind: 'start', from: at.start, to: at.firstOutput },
        { kind: 'work', from: at.firstOutput, to: at.end },
      ],
    } satisfies Row,
  }));
}

const asProcess: MakeRunnable = (task, args, onStdout) => new Process(task, args, { onStdout });
const asThread: MakeRunnable = (task, args, onStdout) => new Thread(task, args, { onStdout });
const processLabel = (runnable: Runnable) => `process ${(runnable as Process).pid}`;
const threadLabel = (runnable: Runnable) => `thread ${(runnable as Thread).threadId}`;

function totalLine(start: number): string {
  return `total spend ${((now() - start) / 1000).toFixed(2)} sec.`;
}

/** The document's first program and its Thread twin: two downloads, started one after the other, joined. */
async function twoDownloads(make: MakeRunnable, label: (runnable: Runnable) => string): Promise<Row[]> {
  console.log(`main process id = [${process.pid}].`);
  const start = now();
  const files = ['file1', 'file2'].map((file) => [file, timeToDownload()]);
  const ran = await startAndJoin(make, label, downloadTask, files);
  console.log(totalLine(start));
  return ran.map((each) => each.row);
}

const processes: Program = {
  name: 'processes',
  title: 'Process: two downloads, in two processes',
  run: async () => ({
    rows: await twoDownloads(asProcess, processLabel),
    lines: [
      'Both bars overlap: the second process started before the first had finished, so the total is about the slowest download, not the sum.',
      `Each process has its own pid, and neither is the main process's ${process.pid}.`,
    ],
    claims: ['process.concurrent', 'process.own-pid'],
  }),
};

const pool: Program = {
  name: 'pool',
  title: 'using Pool: map over four files, with a pool of one process per CPU',
  async run() {
    const start = now();
    const files = ['file1', 'file2', 'file3', 'file4'];
    const workers = new Pool();
    try {
      const spans = await workers.map(timedDownloadTask, files);
      const returned = now();
      console.log(totalLine(start));
      const byPid = Map.groupBy(
        spans.map((span, i) => ({ ...span, file: files[i] })),
        (span) => span.pid,
      );
      const rows: Row[] = [...byPid].map(([pid, ran]) => ({
        label: `process ${pid}`,
        segments: ran.map((span) => ({ kind: 'work', from: span.from, to: span.to, mark: span.file?.replace('file', '') })),
      }));
      rows.push({ label: 'map', segments: [{ kind: 'wait', from: start, to: returned }] });
      return {
        rows,
        lines: [
          `${files.length} files, ${workers.size} processes: never more than ${workers.size} downloads at once, each process reused from file to file (the digits mark where each file began).`,
          'The "map" row ends after the last bar: map returned only when every download was done. The pool "naturally waits".',
        ],
        claims: ['pool.waits'],
      };
    } finally {
      await workers.terminate();
    }
  },
};

async function pingPong(make: MakeRunnable, label: (runnable: Runnable) => string, shared: boolean): Promise<Outcome> {
  const counter = new SharedCounter();
  const task = shared ? subTaskSharedRef : subTaskRef;
  const argsList = ['Ping', 'Pong'].map((word) => (shared ? [word, counter.buffer] : [word]));
  const ran = await startAndJoin(make, label, task, argsList);
  const counts = ran.map((each, i) => `${argsList[i]?.[0]} printed ${each.output.split('\n').filter(Boolean).length}`);
  const total = ran.reduce((sum, each) => sum + each.output.split('\n').filter(Boolean).length, 0);
  return {
    rows: ran.map((each) => each.row),
    lines: shared
      ? [
          `${counts.join(', ')}: ${total} lines together. Both threads counted on one counter in a SharedArrayBuffer, which every thread sees.`,
          'Node differs from Python here: a plain module-level counter would not do, since each worker thread has its own copy of the module.',
        ]
      : [`${counts.join(', ')}: ${total} lines in all. Each process had its own copy of the global counter.`],
    claims: shared ? ['thread.shared-memory'] : ['process.no-shared-counter'],
  };
}

const pingPongProcesses: Program = {
  name: 'ping-pong',
  title: 'Processes do not share a global counter: Ping and Pong',
  run: () => pingPong(asProcess, processLabel, false),
};

const threads: Program = {
  name: 'threads',
  title: 'Thread: two downloads, in two threads',
  run: async () => ({
    rows: await twoDownloads(asThread, threadLabel),
    lines: ['The bars overlap, as the processes did; but both threads live in the main process: same pid, their own thread ids.'],
    claims: ['thread.concurrent', 'thread.same-process'],
  }),
};

const pingPongThreads: Program = {
  name: 'ping-pong-threads',
  title: 'Threads share memory: Ping and Pong on one shared counter',
  run: () => pingPong(asThread, threadLabel, true),
};

const bank: Program = {
  name: 'bank',
  title: 'The bank: 100 threads each deposit ¥1',
  async run({ lock }) {
    const threadCount = 100;
    const account = new Account();
    // A start line in shared memory: every thread waits there until all 100 have started, then all
    // deposit at once. Without it, threads that start far apart might never overlap, and the lost
    // updates would be left to luck; with it, they are certain.
    const startLine = new Barrier();
    const times = new SharedArrayBuffer(threadCount * SLOTS_PER_DEPOSIT * 8);
    const threads = Array.from(
      { length: threadCount },
      (_, index) =>
        new Thread(timedDepositTask, [{ account: account.memory, locked: lock, money: 1, startLine: startLine.buffer, parties: threadCount, times, index }]),
    );
    for (const thread of threads) thread.start();
    for (const thread of threads) await thread.join();
    console.log(`账户余额 (balance): ¥${account.balance}元`);
    const moments = new Float64Array(times);
    const rows: Row[] = threads
      .map((thread, i) => {
        const [asked, read, wrote] = moments.subarray(i * SLOTS_PER_DEPOSIT, (i + 1) * SLOTS_PER_DEPOSIT) as unknown as [number, number, number];
        return {
          label: `thread ${thread.threadId}`,
          segments: [
            { kind: 'wait', from: asked, to: read },
            { kind: 'work', from: read, to: wrote },
          ],
        } satisfies Row;
      })
      .sort((a, b) => (a.segments[1]?.from ?? 0) - (b.segments[1]?.from ?? 0));
    const lost = threadCount - account.balance;
    return {
      rows,
      lines: lock
        ? [
            `¥${account.balance}: not one deposit lost. The lock let one thread at a time between read and write (█); the others waited for it (░).`,
            'The lock is released in `finally`, so a deposit that throws would still let the next one in.',
          ]
        : [
            `¥${account.balance} instead of ¥${threadCount}: ${lost} updates lost. Without the lock, threads read the same balance before any wrote, and each wrote balance + 1 over the others.`,
          ],
      claims: lock ? ['lock.exact-balance', 'lock.release-on-error'] : ['lock.lost-update'],
    };
  },
};

export const programs: readonly Program[] = [processes, pool, pingPongProcesses, threads, pingPongThreads, bank];
