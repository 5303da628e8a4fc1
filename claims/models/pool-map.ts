/**
 * One call of `map` as the pool model makes it: the items that matter (none, one, many; an array, a Set, a
 * generator, any iterable, one that throws while read), the options, and at most one thing wrong with
 * them. What the contract promises for it is said here too, as text to compare with what a pool did.
 */
import * as fc from 'fast-check';
import { type Act, performTask } from '../tasks/faults.ts';

/** The acts the model's tasks take: each succeeds with its value, or throws saying so, after a moment. */
export type ModelAct = Act & { readonly behaviour: 'succeed' | 'throw'; readonly ms: number };

type Container = 'array' | 'Set' | 'generator' | 'iterable';

/** What is wrong with a call, if anything: each a refusal of its own, with its own words. */
export type Fault =
  | { readonly kind: 'none' }
  | { readonly kind: 'no task' }
  | { readonly kind: 'task without a name' }
  | { readonly kind: 'not iterable'; readonly items: 3 | null | undefined }
  | { readonly kind: 'throws while read'; readonly after: number; readonly thrown: unknown }
  | { readonly kind: 'bad chunksize'; readonly chunksize: unknown };

export interface MapCall {
  readonly acts: readonly ModelAct[];
  readonly container: Container;
  /** `undefined`: no options at all; `null`: options given as null, which are no options either. */
  readonly chunksize: 1 | 2 | 5 | 'auto' | undefined | null;
  readonly fault: Fault;
}

/** A thrown value that String() cannot convert (it has no prototype): ours names it as Object.prototype.toString does. */
export const unprintable: unknown = Object.freeze(Object.create(null));

/** A task reference with a module and no export name. */
const nameless = { module: performTask.module };

const act: fc.Arbitrary<ModelAct> = fc.record({
  behaviour: fc.constantFrom('succeed' as const, 'throw' as const),
  value: fc.nat({ max: 9 }),
  // Some tasks last long enough that a terminate() in the same program is likely to find them running.
  ms: fc.constantFrom(1, 30),
});

export const mapCall: fc.Arbitrary<MapCall> = fc.record({
  // Empty and one item come often: they are the edges a pool gets wrong.
  acts: fc.oneof(fc.constant([]), fc.array(act, { minLength: 1, maxLength: 1 }), fc.array(act, { minLength: 2, maxLength: 5 })),
  container: fc.constantFrom<Container>('array', 'Set', 'generator', 'iterable'),
  // 5: a chunk larger than most lists, so that one runner takes them whole.
  chunksize: fc.constantFrom(1 as const, 2 as const, 5 as const, 'auto' as const, undefined, null),
  fault: fc.oneof(
    { weight: 6, arbitrary: fc.constant({ kind: 'none' as const }) },
    fc.constant({ kind: 'no task' as const }),
    fc.constant({ kind: 'task without a name' as const }),
    fc.record({ kind: fc.constant('not iterable' as const), items: fc.constantFrom(3 as const, null, undefined) }),
    fc.record({
      kind: fc.constant('throws while read' as const),
      after: fc.nat({ max: 3 }),
      thrown: fc.constantFrom<unknown>(new Error('the source went away'), 42, unprintable),
    }),
    fc.record({ kind: fc.constant('bad chunksize' as const), chunksize: fc.constantFrom(0, -1, 1.5, Number.NaN, 'big', null) }),
  ),
});

const shownAct = ({ behaviour, value }: ModelAct) => `${behaviour} ${value}`;

/** The call as a learner would read it. */
export function showCall({ acts, container, chunksize, fault }: MapCall): string {
  const listed = acts.map(shownAct).join(', ');
  const items =
    fault.kind === 'not iterable'
      ? String(fault.items)
      : fault.kind === 'throws while read'
        ? `a generator of [${acts.slice(0, fault.after).map(shownAct).join(', ')}] that then throws ${shown(fault.thrown)}`
        : { array: `[${listed}]`, Set: `new Set([${listed}])`, generator: `a generator of [${listed}]`, iterable: `an iterable of [${listed}]` }[container];
  const option = fault.kind === 'bad chunksize' ? fault.chunksize : chunksize;
  const options =
    fault.kind !== 'bad chunksize' && chunksize === null
      ? ', null'
      : option === undefined
        ? ''
        : `, { chunksize: ${typeof option === 'string' ? JSON.stringify(option) : String(option)} }`;
  const task = { 'no task': 'undefined', 'task without a name': '{ module: faults.ts }' }[fault.kind as string] ?? 'perform';
  return `map(${task}, ${items}${options})`;
}

/** The arguments to pass: made afresh for every run, as a generator can be read only once. */
export function argumentsOf({ acts, container, chunksize, fault }: MapCall): [unknown, unknown, unknown?] {
  const task = fault.kind === 'no task' ? undefined : fault.kind === 'task without a name' ? nameless : performTask;
  const options = fault.kind === 'bad chunksize' ? { chunksize: fault.chunksize } : chunksize === undefined || chunksize === null ? chunksize : { chunksize };
  const items = (): unknown => {
    if (fault.kind === 'not iterable') return fault.items;
    if (fault.kind === 'throws while read') {
      return (function* () {
        yield* acts.slice(0, fault.after);
        throw fault.thrown;
      })();
    }
    if (container === 'Set') return new Set(acts);
    if (container === 'generator')
      return (function* () {
        yield* acts;
      })();
    if (container === 'iterable') return { [Symbol.iterator]: () => acts[Symbol.iterator]() };
    return [...acts];
  };
  return options === undefined ? [task, items()] : [task, items(), options];
}

/** What was thrown, as ours says it in a message. */
export function shown(thrown: unknown): string {
  if (thrown === unprintable) return '[object Object]';
  return thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
}

/** How the model's task names its call in a TaskError: ours writes each argument as JSON. */
export const callOf = (act: Act) => `${performTask.name}(${JSON.stringify(act)}) from faults.ts`;

/** An item's failure of its own, as its TaskError says it. */
export const ownFailure = (act: ModelAct, item: number) => `${callOf(act)} (item ${item}) failed: download ${act.value} failed`;

export type Refusal = { readonly kind: 'refused'; readonly error: string };

/**
 * What `map` promises for `call` on a pool in `state`: a refusal in words, or that it runs every item.
 * The order of the refusals is ours: a pool that is not open says so first, whatever else is wrong (as Python's
 * "Pool not running"); then the task, the items, the chunksize; a bad chunksize is refused even with no items.
 */
export function promisedFor(state: 'open' | 'closed' | 'terminated', { acts, fault }: MapCall): Refusal | { readonly kind: 'runs' } {
  const refused = (error: string): Refusal => ({ kind: 'refused', error });
  if (state !== 'open') return refused(`rejects with Error: Cannot map on a ${state} pool; make a new one`);
  switch (fault.kind) {
    case 'no task':
      return refused('rejects with TypeError: map needs a task reference made by taskRef(moduleUrl, exportName), got undefined');
    case 'task without a name':
      return refused('rejects with TypeError: map needs a task reference made by taskRef(moduleUrl, exportName), got [object Object]');
    case 'not iterable':
      return refused(`rejects with TypeError: map needs an iterable of items, got ${String(fault.items)}`);
    case 'throws while read': {
      const read = Math.min(fault.after, acts.length);
      return refused(`rejects with TypeError: map could not read its items: reading item ${read} threw ${shown(fault.thrown)}; cause ${shown(fault.thrown)}`);
    }
    case 'bad chunksize': {
      const value = typeof fault.chunksize === 'string' ? JSON.stringify(fault.chunksize) : String(fault.chunksize);
      return refused(`rejects with RangeError: map chunksize must be a positive integer or 'auto', got ${value}`);
    }
    case 'none':
      return { kind: 'runs' };
  }
}

/** Every item ran to its end: results in input order, or every failure in one PoolMapError, the first its cause. */
export function ranToTheEnd(acts: readonly ModelAct[]): string {
  const failures = acts.flatMap((act, item) => (act.behaviour === 'throw' ? [{ item, message: ownFailure(act, item) }] : []));
  const values = acts.map((act) => (act.behaviour === 'succeed' ? act.value : undefined));
  if (failures.length === 0) return `resolves ${showValues(values)}`;
  const errors = failures.map(({ item, message }) => taskErrorText(item, message));
  return `rejects with ${poolMapErrorText(`${failures.length} of ${acts.length} tasks failed; the first: ${failures[0]?.message}`, values, errors, 'the first error')}`;
}

/** A hole reads as `undefined`, as it does to a caller: `new Array(n)` filled where items succeeded is as good as ours. */
export function showValues(values: readonly unknown[]): string {
  return `[${Array.from(values, (value) => (value === undefined ? 'undefined' : JSON.stringify(value))).join(', ')}]`;
}

export const taskErrorText = (item: unknown, message: string) => `TaskError (item ${String(item)}): ${message}`;

export function poolMapErrorText(message: string, values: readonly unknown[], errors: readonly string[], cause: string): string {
  return `PoolMapError: ${message}; values ${showValues(values)}; errors [${errors.join(' | ')}]; cause ${cause}`;
}
