/**
 * What a judged worker runs. It replaces this thread's `Atomics` with one whose every operation first
 * waits for the scheduler's leave, and `performance.now` with the scheduler's virtual clock; then it runs
 * the judged function (an export of a module, by name: our real code, unchanged) once per execution the
 * scheduler starts. `Atomics.wait` and `Atomics.notify` are modelled by the scheduler, never really made.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import type { Place, ThreadError } from './execution.ts';
import type { WaitWhile } from './handshake.ts';
import { linger } from './late-wakes.ts';
import { ControlBlock, type ControlBuffers, type Operation, Status, WOKEN } from './layout.ts';

export interface JudgedData {
  readonly control: ControlBuffers;
  readonly thread: number;
  readonly memory: Readonly<Record<string, SharedArrayBuffer>>;
  readonly module: string;
  readonly name: string;
  readonly args: readonly unknown[];
  /** Where a failed execution's error goes, read by the scheduler without waiting for an event. */
  readonly errors: MessagePort;
  /** The wait of the handshake to use, if not ours (a broken one, to prove the spec rejects it). */
  readonly handshake: { readonly module: string; readonly name: string } | undefined;
  /** Test-only: after each announcement, linger until given the turn or told to wait (SchedulerOptions.provokeLateWakes). */
  readonly provokeLateWakes: boolean;
  /** Where each step is asked for in the judged code goes, when the scheduler asks (SchedulerOptions.locate). */
  readonly places: MessagePort | undefined;
}

const data = workerData as JudgedData;
const real = Atomics;
const control = new ControlBlock(data.control);
const slot = control.slot(data.thread);
const addresses = new Map(Object.values(data.memory).map((buffer, index) => [buffer, index]));
const handshakeWait =
  data.handshake === undefined ? undefined : (((await import(data.handshake.module)) as Record<string, WaitWhile>)[data.handshake.name] as WaitWhile);

// A step's place is its judged code's calls: enough of them to reach the judged function from the innermost.
if (data.places !== undefined) Error.stackTraceLimit = 30;

/** Where the judged code asks for this step: its calls, innermost first, this module's and Node's own left out. */
function callsHere(): Place[] {
  const calls: Place[] = [];
  for (const line of (new Error().stack ?? '').split('\n').slice(1)) {
    const frame = /^\s*at (?:(.+?) \()?(\S+?):(\d+):\d+\)?$/.exec(line);
    if (frame === null) continue;
    const [, fn, url = '', number] = frame;
    if (url === import.meta.url || url.startsWith('node:')) continue;
    calls.push({ url, line: Number(number), fn: fn?.replace(/^async /, '') });
  }
  return calls;
}

/** Announces `status` (a step asked for, or a wait begun) and blocks until the scheduler gives this thread its turn. */
function awaitTurn(status: number): void {
  slot.handOver('status', status);
  if (data.provokeLateWakes) linger(slot, status);
  slot.waitWhile('status', status, Number.POSITIVE_INFINITY, handshakeWait);
  if (slot.status === status) {
    // Woken, but not given the turn: the handshake let a stray wake-up through. Say so, and wait for the turn.
    slot.store('stray', 1);
    slot.waitWhile('status', status);
  }
}

/** Thrown into the judged code when the scheduler abandons its execution, and at every Atomics operation after. */
class Abandoned extends Error {
  override name = 'Abandoned';
}

/** The scheduler ended this execution (it could not go on): the judged function is unwound, not left blocked. */
let abandoned = false;

function goOnUnlessAbandoned(): void {
  abandoned ||= slot.load('abandon') === 1;
  if (abandoned) throw new Abandoned('the scheduler abandoned this execution');
}

/** Says what this thread is about to do, and blocks until the scheduler lets it. */
function request(op: Operation, array: Int32Array | BigInt64Array, index: number, arg1: unknown = 0, arg2: unknown = 0): void {
  goOnUnlessAbandoned();
  const address = addresses.get(array.buffer as SharedArrayBuffer) ?? -1;
  slot.ask({ op, address, index, width: array.BYTES_PER_ELEMENT, arg1: Number(arg1), arg2: Number(arg2) });
  // Sent before the announcement: the scheduler, once it sees it, finds the place already there.
  data.places?.postMessage(callsHere());
  awaitTurn(Status.requesting);
  goOnUnlessAbandoned();
}

/** The operation, once let go; what it returned is kept for the story. */
function made<T>(result: T): T {
  slot.setNumber('result', Number(result));
  return result;
}

type Shared = Int32Array | BigInt64Array;
type Value = number | bigint;
// Each operation works on both kinds of array; TypeScript's overloads need telling.
const loose = real as unknown as Record<Operation, (array: Shared, index: number, ...args: Value[]) => Value>;
const readModifyWrite = (op: Operation) => (array: Shared, index: number, value: Value) => {
  request(op, array, index, value);
  return made(loose[op](array, index, value));
};

const scheduled = {
  ...Object.fromEntries(Object.getOwnPropertyNames(real).map((key) => [key, (real as unknown as Record<string, unknown>)[key]])),
  load(array: Shared, index: number): Value {
    request('load', array, index);
    return made(loose.load(array, index));
  },
  store: readModifyWrite('store'),
  add: readModifyWrite('add'),
  sub: readModifyWrite('sub'),
  and: readModifyWrite('and'),
  or: readModifyWrite('or'),
  xor: readModifyWrite('xor'),
  exchange: readModifyWrite('exchange'),
  compareExchange(array: Shared, index: number, expected: Value, replacement: Value): Value {
    request('compareExchange', array, index, expected, replacement);
    return made(loose.compareExchange(array, index, expected, replacement));
  },
  wait(array: Shared, index: number, value: Value, timeout = Number.POSITIVE_INFINITY): 'ok' | 'not-equal' | 'timed-out' {
    request('wait', array, index, value, timeout);
    // The check and the sleep are one step, as in Atomics.wait: no other thread runs in between.
    if (loose.load(array, index) !== value) return 'not-equal';
    awaitTurn(Status.waiting);
    goOnUnlessAbandoned();
    return slot.get('wake') === WOKEN ? 'ok' : 'timed-out';
  },
  notify(array: Shared, index: number, count = Number.POSITIVE_INFINITY): number {
    request('notify', array, index, count);
    // The scheduler woke the waiters it models, and put their number here.
    return slot.number('result');
  },
};

globalThis.Atomics = scheduled as unknown as typeof Atomics;
performance.now = () => {
  // Only this thread writes it; the scheduler reads it once this thread has handed over.
  slot.set('clockReads', slot.get('clockReads') + 1);
  return control.clock;
};

const judged = ((await import(data.module)) as Record<string, (memory: JudgedData['memory'], ...args: unknown[]) => unknown>)[data.name];
/** What a judged thread threw, as it crosses: its words, and the id of the failure it carries (claims/failures.ts), if any. */
function thrown(error: unknown): ThreadError {
  if (!(error instanceof Error)) return { text: String(error) };
  const failureId = (error as { failureId?: unknown }).failureId;
  return { text: `${error.name}: ${error.message}`, ...(typeof failureId === 'string' ? { failureId } : {}) };
}

if (typeof judged !== 'function') throw new TypeError(`${data.module} has no exported function named "${data.name}"`);
parentPort?.postMessage('ready');

for (let execution = 1; ; execution++) {
  while (slot.load('command') < execution) slot.wait('command', execution - 1);
  abandoned = false;
  try {
    await judged(data.memory, ...data.args);
    slot.handOver('status', abandoned ? Status.unwound : Status.finished);
  } catch (error) {
    // An abandoned execution's error is the scheduler's doing, not the judged code's: nobody reads it.
    if (!abandoned) data.errors.postMessage(thrown(error));
    slot.handOver('status', abandoned ? Status.unwound : Status.failed);
  }
}
