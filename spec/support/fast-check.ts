/**
 * fast-check's settings for every spec file. A property whose broken implementation fails each case at a
 * bound would shrink for minutes, one bound per try: past the time limit it stops and reports the smallest
 * counterexample found so far, well before vitest's own test timeout (60 s, vitest.config.ts) would cut it
 * off with no counterexample at all. A run stopped before it found a failure has not proved the property:
 * that is a failure too.
 */
import * as fc from 'fast-check';

fc.configureGlobal({ interruptAfterTimeLimit: 30_000, markInterruptAsFailure: true });
