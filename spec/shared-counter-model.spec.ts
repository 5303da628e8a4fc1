/**
 * The whole contract of SharedCounter, as one model (claims/models/shared-counter.ts): ours keeps it, in the
 * main thread and in workers, and each broken counter in fixtures/broken-counters.ts, wrong in one way, is
 * rejected by it, with a message that names the step where it parts from the model.
 */
import { describe, expect, it } from 'vitest';
import { sharedCounterModel } from '../claims/models/shared-counter.ts';
import { ours } from '../claims/properties/schedules.ts';
import { expectRejected, rejectionBound } from './support/rejects.ts';
import { specify } from './support/specify.ts';

describe('The contract of SharedCounter as a model', () => {
  specify(sharedCounterModel, ours.SharedCounter);
});

const fixture = (name: string) => ({ module: new URL('../fixtures/broken-counters.ts', import.meta.url).href, name });

const brokenCounters: readonly { readonly kind: string; readonly name: string; readonly why: RegExp }[] = [
  {
    kind: 'an edge of the input',
    name: 'UncheckedCounter',
    why: /^Step \d+, after new UncheckedCounter\(an ArrayBuffer\): a buffer that is not shared memory .* is refused, with a TypeError.*; yours: returns an object$/,
  },
  {
    kind: 'a call made twice',
    name: 'CachedValueCounter',
    why: /^Step \d+, after counter\.value in the main thread: value is the count now, each time it is read.*; yours: returns 0$/,
  },
  {
    kind: 'who calls: another counter over the same buffer',
    name: 'OwnCountCounter',
    why: /^Step \d+, after new OwnCountCounter\(buffer\)\.value in the main thread: value is the count, as every counter over the buffer sees it, in every thread\. Ours gives: returns 2; yours: returns 0$/,
  },
  {
    kind: 'a default',
    name: 'SharedDefaultCounter',
    why: /^Step \d+, after new SharedDefaultCounter\(\) in the main thread: new SharedDefaultCounter\(\) is a new counter, at 0 and of its own/,
  },
  {
    kind: "an error's identity",
    name: 'PlainErrorCounter',
    why: /^Step \d+, after new PlainErrorCounter\(an ArrayBuffer\): .*; yours: throws Error: A PlainErrorCounter needs a SharedArrayBuffer/,
  },
];

describe('Every promise of the model can fail: it rejects each broken counter at the step where it parts', () => {
  for (const { kind, name, why } of brokenCounters) {
    it(`the SharedCounter model rejects ${name} (${kind}; fixtures/broken-counters.ts)`, async () => {
      // The tour run first every time reaches each broken promise: the first failing case is the one to read.
      expect(await expectRejected(sharedCounterModel, fixture(name), await rejectionBound(), name, { shrink: false })).toMatch(why);
    });
  }
});
