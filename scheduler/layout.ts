/**
 * The memory the scheduler and its judged threads talk through: one Int32 slot and one Float64 slot per
 * thread, and the virtual clock. Only the thread the scheduler lets go runs; every other one is blocked,
 * announcing the Atomics operation it is about to make. Both sides reach it through this module alone:
 * where each field lies is written here, once.
 */
import { handOver, type WaitWhile, waitWhile } from './handshake.ts';

/**
 * Atomics as it was when this module loaded: in a judged thread the global is then replaced by the
 * scheduled one (worker.ts), and the slot's own traffic must not ask the scheduler for a turn.
 */
const atomics = Atomics;

/** Int32 fields of a thread's slot. */
const intFields = {
  /** Where the thread is (Status): the cell the handshake hands the turn over on. */
  status: 0,
  op: 1,
  /** Which named buffer the operation is on (its index in the names), or -1 for memory of the thread's own. */
  address: 2,
  index: 3,
  /** The number of the execution the thread is to run; the scheduler raises it to start one. */
  command: 4,
  /** How a wait ends: WOKEN or TIMED_OUT, set by the scheduler before it lets a waiting thread go. */
  wake: 5,
  /** Set by the scheduler to end an execution that cannot go on (a deadlock): the thread unwinds (see Status.unwound). */
  abandon: 6,
  /**
   * Set by a judged thread that its handshake let go while its status still said it waits for its turn: a
   * step nobody chose, which it does not take. The scheduler fails the run that saw it.
   */
  stray: 7,
  /** Test-only (late-wakes.ts): set by the scheduler to tell a lingering thread to wait. */
  goWait: 8,
  /** The width in bytes of the array the operation is on (4 or 8), for the scheduler to read the cell. */
  width: 9,
  /** How many times the judged thread read the clock (performance.now): the scheduler sees whether a step's code did. */
  clockReads: 10,
} as const;
const intSlot = 12;

/** Float64 fields of a thread's slot: the operation's arguments, and what it returned. */
const floatFields = { arg1: 0, arg2: 1, result: 2 } as const;
const floatSlot = 4;

export type IntField = keyof typeof intFields;
export type FloatField = keyof typeof floatFields;

export const Status = {
  /** Running code that touches no shared memory, or about to start. */
  running: 1,
  /** Blocked before an Atomics operation, until the scheduler lets it take it. */
  requesting: 2,
  /** In Atomics.wait: it can go on once notified, or, with a timeout, once the scheduler lets the timeout expire. */
  waiting: 3,
  finished: 4,
  failed: 5,
  /** Back at the start, its abandoned execution unwound: every Atomics operation it tried threw. */
  unwound: 6,
} as const;

export const WOKEN = 0;
export const TIMED_OUT = 2;

export const operations = ['load', 'store', 'compareExchange', 'add', 'sub', 'and', 'or', 'xor', 'exchange', 'wait', 'notify'] as const;
export type Operation = (typeof operations)[number];

/** The operation a thread asks for, as it lies in its slot. */
export interface Request {
  readonly op: Operation;
  readonly address: number;
  readonly index: number;
  readonly width: number;
  readonly arg1: number;
  readonly arg2: number;
}

/** One thread's slot, as either side reads and writes it. */
export class Slot {
  readonly #ints: Int32Array;
  readonly #floats: Float64Array;
  readonly #int: number;
  readonly #float: number;

  constructor(ints: Int32Array, floats: Float64Array, thread: number) {
    this.#ints = ints;
    this.#floats = floats;
    this.#int = thread * intSlot;
    this.#float = thread * floatSlot;
  }

  /** A field only its writer changes while the reader waits for it: plain. */
  get(field: IntField): number {
    return this.#ints[this.#int + intFields[field]] as number;
  }

  set(field: IntField, value: number): void {
    this.#ints[this.#int + intFields[field]] = value;
  }

  number(field: FloatField): number {
    return this.#floats[this.#float + floatFields[field]] as number;
  }

  setNumber(field: FloatField, value: number): void {
    this.#floats[this.#float + floatFields[field]] = value;
  }

  /** A field both sides change, or one side waits on: atomic. */
  load(field: IntField): number {
    return atomics.load(this.#ints, this.#int + intFields[field]);
  }

  store(field: IntField, value: number): void {
    atomics.store(this.#ints, this.#int + intFields[field], value);
  }

  /** How many were woken. */
  notify(field: IntField): number {
    return atomics.notify(this.#ints, this.#int + intFields[field]);
  }

  wait(field: IntField, value: number, timeoutMs?: number): void {
    atomics.wait(this.#ints, this.#int + intFields[field], value, timeoutMs);
  }

  /** Stores and notifies: see handshake.ts. */
  handOver(field: IntField, value: number): void {
    handOver(atomics, this.#ints, this.#int + intFields[field], value);
  }

  /** Waits while `field` holds `value` (see handshake.ts), with the handshake's wait given, if not ours. */
  waitWhile(field: IntField, value: number, boundMs = Number.POSITIVE_INFINITY, wait: WaitWhile = waitWhile): boolean {
    return wait(atomics, this.#ints, this.#int + intFields[field], value, boundMs);
  }

  get status(): number {
    return this.load('status');
  }

  /** Written by the judged thread before it announces the request. */
  ask({ op, address, index, width, arg1, arg2 }: Request): void {
    this.set('op', operations.indexOf(op));
    this.set('address', address);
    this.set('index', index);
    this.set('width', width);
    this.setNumber('arg1', arg1);
    this.setNumber('arg2', arg2);
  }

  /** Read by the scheduler once the request is announced, before it lets the thread make it. */
  asked(): Request {
    return {
      op: operations[this.get('op')] as Operation,
      address: this.get('address'),
      index: this.get('index'),
      width: this.get('width'),
      arg1: this.number('arg1'),
      arg2: this.number('arg2'),
    };
  }
}

/** What a judged worker is given to reach the control block. */
export interface ControlBuffers {
  readonly control: SharedArrayBuffer;
  readonly numbers: SharedArrayBuffer;
  readonly threads: number;
}

/** Every thread's slot, and the virtual clock after them. */
export class ControlBlock {
  readonly buffers: ControlBuffers;
  readonly #ints: Int32Array;
  readonly #floats: Float64Array;
  readonly #clock: number;

  constructor(buffers: ControlBuffers) {
    this.buffers = buffers;
    this.#ints = new Int32Array(buffers.control);
    this.#floats = new Float64Array(buffers.numbers);
    this.#clock = buffers.threads * floatSlot;
  }

  static for(threads: number): ControlBlock {
    return new ControlBlock({
      control: new SharedArrayBuffer(threads * intSlot * 4),
      numbers: new SharedArrayBuffer((threads * floatSlot + 1) * 8),
      threads,
    });
  }

  slot(thread: number): Slot {
    return new Slot(this.#ints, this.#floats, thread);
  }

  /** Only the scheduler writes it, and only while every judged thread is blocked. */
  get clock(): number {
    return this.#floats[this.#clock] as number;
  }

  set clock(ms: number) {
    this.#floats[this.#clock] = ms;
  }

  clear(): void {
    this.#ints.fill(0);
  }
}
