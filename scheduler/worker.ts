/**
 * What a judged worker runs. It replaces this thread's `Atomics` with one whose every operation first
 * waits for the scheduler's leave, and `performance.now` with the scheduler's virtual clock; then it runs
 * the judged function (an export of a module, by name: our real code, unchanged) once per execution the
 * scheduler starts. `Atomics.wait` and `Atomics.notify` are modelled by the scheduler, never really made.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import type { Place } from './execution.ts';
import { handOver, type WaitWhile, waitWhile } from './handshake.ts';
import {
  ABANDON,
  ADDRESS,
  ARG1,
  ARG2,
  CLOCK_READS,
  COMMAND,
  clockIndex,
  FAILED,
  FINISHED,
  FLOAT_SLOT,
  GO_WAIT,
  INDEX,
  INT_SLOT,
  layout,
  OP,
  type Operation,
  operations,
  REQUESTING,
  RESULT,
  STRAY,
  UNWOUND,
  WAITING,
  WAKE,
  WIDTH,
  WOKEN,
} from './layout.ts';

export interface JudgedData {
  readonly control: SharedArrayBuffer;
  readonly numbers: SharedArrayBuffer;
  readonly threads: number;
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
const { ints, floats } = layout(data.control, data.numbers);
const slot = data.thread * INT_SLOT;
const numbers = data.thread * FLOAT_SLOT;
const addresses = new Map(Object.values(data.memory).map((buffer, index) => [buffer, index]));
const realNow = performance.now.bind(performance);
const handshakeWait =
  data.handshake === undefined ? waitWhile : (((await import(data.handshake.module)) as Record<string, WaitWhile>)[data.handshake.name] as WaitWhile);
/**
 * When provoking late wake-ups, a thread lingers after announcing until the scheduler gives it the turn
 * (it then goes on without a wake-up) or tells it to wait (GO_WAIT): a rendezvous, not a guess at how long
 * the scheduler takes. This bound is only for a scheduler that died meanwhile.
 */
const lingerMs = 1_000;

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

function setStatus(status: number): void {
  handOver(real, ints, slot, status);
}

/** Announces `status` (a step asked for, or a wait begun) and blocks until the scheduler gives this thread its turn. */
function awaitTurn(status: number): void {
  setStatus(status);
  if (data.provokeLateWakes) {
    const until = realNow() + lingerMs;
    // Asleep on GO_WAIT, not spinning: the scheduler notifies it both when it gives the turn and when it says wait.
    // A notify that lands between the check and the sleep is missed; the 1 ms nap bounds what that costs.
    while (real.load(ints, slot) === status && real.load(ints, slot + GO_WAIT) === 0 && realNow() < until) real.wait(ints, slot + GO_WAIT, 0, 1);
  }
  handshakeWait(real, ints, slot, status);
  if (real.load(ints, slot) === status) {
    // Woken, but not given the turn: the handshake let a stray wake-up through. Say so, and wait for the turn.
    real.store(ints, slot + STRAY, 1);
    waitWhile(real, ints, slot, status);
  }
}

/** Thrown into the judged code when the scheduler abandons its execution, and at every Atomics operation after. */
class Abandoned extends Error {
  override name = 'Abandoned';
}

/** The scheduler ended this execution (it could not go on): the judged function is unwound, not left blocked. */
let abandoned = false;

function goOnUnlessAbandoned(): void {
  abandoned ||= real.load(ints, slot + ABANDON) === 1;
  if (abandoned) throw new Abandoned('the scheduler abandoned this execution');
}

/** Says what this thread is about to do, and blocks until the scheduler lets it. */
function request(op: Operation, array: Int32Array | BigInt64Array, index: number, arg1: unknown = 0, arg2: unknown = 0): void {
  goOnUnlessAbandoned();
  ints[slot + OP] = operations.indexOf(op);
  ints[slot + ADDRESS] = addresses.get(array.buffer as SharedArrayBuffer) ?? -1;
  ints[slot + INDEX] = index;
  ints[slot + WIDTH] = array.BYTES_PER_ELEMENT;
  floats[numbers + ARG1] = Number(arg1);
  floats[numbers + ARG2] = Number(arg2);
  // Sent before the announcement: the scheduler, once it sees it, finds the place already there.
  data.places?.postMessage(callsHere());
  awaitTurn(REQUESTING);
  goOnUnlessAbandoned();
}

/** The operation, once let go; what it returned is kept for the story. */
function made<T>(result: T): T {
  floats[numbers + RESULT] = Number(result);
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
    awaitTurn(WAITING);
    goOnUnlessAbandoned();
    return ints[slot + WAKE] === WOKEN ? 'ok' : 'timed-out';
  },
  notify(array: Shared, index: number, count = Number.POSITIVE_INFINITY): number {
    request('notify', array, index, count);
    // The scheduler woke the waiters it models, and put their number here.
    return floats[numbers + RESULT] as number;
  },
};

globalThis.Atomics = scheduled as unknown as typeof Atomics;
performance.now = () => {
  // Only this thread writes it; the scheduler reads it once this thread has handed over.
  ints[slot + CLOCK_READS] = (ints[slot + CLOCK_READS] as number) + 1;
  return floats[clockIndex(data.threads)] as number;
};

const judged = ((await import(data.module)) as Record<string, (memory: JudgedData['memory'], ...args: unknown[]) => unknown>)[data.name];
if (typeof judged !== 'function') throw new TypeError(`${data.module} has no exported function named "${data.name}"`);
parentPort?.postMessage('ready');

for (let execution = 1; ; execution++) {
  while (real.load(ints, slot + COMMAND) < execution) real.wait(ints, slot + COMMAND, execution - 1);
  abandoned = false;
  try {
    await judged(data.memory, ...data.args);
    setStatus(abandoned ? UNWOUND : FINISHED);
  } catch (error) {
    // An abandoned execution's error is the scheduler's doing, not the judged code's: nobody reads it.
    if (!abandoned) data.errors.postMessage(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    setStatus(abandoned ? UNWOUND : FAILED);
  }
}
