/** The interleaving model's property: for any deposit program, no schedule may lose an update. */
import { fc } from '@fast-check/vitest';
import { expect } from 'vitest';
import { describeRun, type Program, runSchedule } from '../../src/deposit-model.ts';
import { claimProperty } from '../support/claim-property.ts';

export const ones = (count: number) => Array.from({ length: count }, () => 1);

export const modelExactBalance = claimProperty({
  claim: 'lock.exact-balance',
  aspect: '(model) every generated schedule of up to 8 deposits leaves the sum',
  arbitraries: [fc.integer({ min: 2, max: 8 }), fc.array(fc.nat({ max: 7 }), { maxLength: 40 })],
  numRuns: 200,
  check: (program: Program) => async (count: number, choices: number[]) => {
    const run = runSchedule(ones(count), program, choices);
    expect(run.balance, describeRun(run)).toBe(run.expected);
  },
});
