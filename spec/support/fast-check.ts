/**
 * fast-check's settings for every spec file. A property whose broken implementation fails each case at a
 * bound would shrink for minutes, one bound per try: past the time limit it stops and reports the smallest
 * counterexample found so far, well before vitest's own test timeout (120 s, vitest.config.ts) would cut it
 * off with no counterexample at all. A run stopped before it found a failure has not proved the property:
 * that is a failure too, so the limit leaves a passing property room on a slow line: the slowest, the
 * liveness property's 34 programs, took over 30 s on Node 22 with both cores busy (its .ts costs a program
 * 0.25 s to load there, 0.1 s on Node 26).
 */
import * as fc from 'fast-check';

fc.configureGlobal({ interruptAfterTimeLimit: 90_000, markInterruptAsFailure: true });
