/**
 * One step of a program of a shared class (SharedCounter, Lock), done in whichever thread takes it: the
 * main thread, or a worker (claims/tasks/model-thread.ts), which does the very same thing. What the step
 * did is said here, in the thread that did it, where an error's class can still be told from a look-alike;
 * the text crosses to the model, which compares it with what ours gives.
 */
import { LockNotHeldError, LockTimeoutError } from '../../src/lock.ts';
import type { ClassRef } from '../tasks/judged.ts';

/** Each thread's own object over the shared buffer, or another one made over it for this call alone. */
export type Via = 'its own' | 'another';

export type Member = 'increment' | 'value' | 'holder' | 'acquire' | 'release';

/** What a bad buffer is: memory not shared, shared but too short for an Int32, or none. */
export type BadBuffer = 'an ArrayBuffer' | 'a SharedArrayBuffer of 2 bytes' | 'null';

export type Act =
  | { readonly kind: 'call'; readonly member: Member; readonly via: Via; readonly timeoutMs?: number }
  /** Two objects made by the constructor alone, used side by side: what a default makes. */
  | { readonly kind: 'defaults' }
  | { readonly kind: 'bad buffer'; readonly buffer: BadBuffer };

/** An error as the contract tells it: its class (ours or a look-alike), its name where it differs, its words. */
export interface Thrown {
  readonly kind: string;
  readonly name: string;
  readonly message: string;
  readonly isError: boolean;
}

/** What a step did: its outcome as text (`returns 2`, `throws LockTimeoutError: ...`), what it threw, and how long it took by this thread's clock. */
export interface Said {
  readonly text: string;
  readonly thrown?: Thrown;
  readonly ms: number;
}

/** The shape of the class: what its default objects are put through. */
export type Shape = 'counter' | 'lock';

// biome-ignore lint/suspicious/noExplicitAny: a learner's class, whatever its members' types
type Shared = any;
type SharedClass = new (buffer?: unknown) => Shared;

const ours: Record<string, new (...args: never[]) => Error> = { LockTimeoutError, LockNotHeldError };

function thrownOf(error: unknown): Thrown {
  if (!(error instanceof Error)) return { kind: `a non-Error (${typeof error})`, name: '', message: String(error), isError: false };
  const name = error.constructor.name;
  const own = ours[name];
  const kind = own === undefined || error instanceof own ? name : `${name} (not ours, nor a subclass)`;
  return { kind, name: error.name, message: error.message, isError: true };
}

/** The errors whose name, not only their class, the contract promises: a caller may tell them by either. */
const named = new Set(['LockTimeoutError', 'LockNotHeldError']);

export function thrownText({ kind, name, message }: Thrown): string {
  return `throws ${kind}${named.has(kind) && name !== kind ? ` named "${name}"` : ''}: ${message}`;
}

function returnedText(value: unknown): string {
  return value === undefined ? 'returns' : `returns ${String(value)}`;
}

/** The thread's part in a program: the class, loaded here, and its own object over the shared buffer. */
export class SharedActs {
  readonly #Class: SharedClass;
  readonly #buffer: SharedArrayBuffer;
  readonly #own: Shared;
  readonly #shape: Shape;

  private constructor(Class: SharedClass, buffer: SharedArrayBuffer, shape: Shape) {
    this.#Class = Class;
    this.#buffer = buffer;
    this.#own = new Class(buffer);
    this.#shape = shape;
  }

  /** Loads the class by module and export name, as a worker must, and makes the thread's own object over `buffer`. */
  static async load(ref: ClassRef, buffer: SharedArrayBuffer, shape: Shape): Promise<SharedActs> {
    const Class = ((await import(ref.module)) as Record<string, SharedClass>)[ref.name] as SharedClass;
    return new SharedActs(Class, buffer, shape);
  }

  get className(): string {
    return this.#Class.name;
  }

  do(act: Act): Said {
    const started = performance.now();
    try {
      const text = this.#did(act);
      return { text, ms: performance.now() - started };
    } catch (error) {
      const ms = performance.now() - started;
      const thrown = thrownOf(error);
      return { text: thrownText(thrown), thrown, ms };
    }
  }

  #did(act: Act): string {
    if (act.kind === 'bad buffer') {
      const buffer = { 'an ArrayBuffer': new ArrayBuffer(4), 'a SharedArrayBuffer of 2 bytes': new SharedArrayBuffer(2), null: null }[act.buffer];
      new this.#Class(buffer);
      return 'returns an object';
    }
    if (act.kind === 'defaults') return this.#shape === 'counter' ? this.#defaultCounters() : this.#defaultLocks();
    const target = act.via === 'its own' ? this.#own : new this.#Class(this.#buffer);
    switch (act.member) {
      case 'value':
      case 'holder':
        return `returns ${String(target[act.member])}`;
      case 'increment':
      case 'release':
        return returnedText(target[act.member]());
      case 'acquire':
        return returnedText(act.timeoutMs === undefined ? target.acquire() : target.acquire(act.timeoutMs));
    }
  }

  /** A counter made without a buffer counts from 0, on a count of its own. */
  #defaultCounters(): string {
    const first = new this.#Class();
    const before = first.value;
    const ticket = first.increment();
    return `value ${before}, increment() ${ticket}, value ${first.value}; another new one: value ${new this.#Class().value}`;
  }

  /** A lock made without a buffer is a free lock of its own: two taken at once by one thread, each by acquire(0). */
  #defaultLocks(): string {
    const first = new this.#Class();
    const second = new this.#Class();
    first.acquire(0);
    second.acquire(0);
    second.release();
    first.release();
    return 'each taken by acquire(0) while the other is held, then released';
  }
}
