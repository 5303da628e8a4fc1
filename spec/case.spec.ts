/**
 * What every property's case is given (claims/support/case.ts): its bound, and what it started ended once
 * it is over, however it ended, without hiding why it failed.
 */
import { describe, expect, it } from 'vitest';
import { inCase } from '../claims/support/case.ts';
import { BoundExceeded } from '../claims/support/settles.ts';

describe('A case', () => {
  it("takes the judge's bound when it gives one", async () => {
    await inCase({ boundMs: 1234 }, async (thisCase) => {
      expect(await thisCase.bound([10_000], 5)).toBe(1234);
    });
  });

  it('ends what it deferred once its body is over, the last first, whether the body passed or failed', async () => {
    const ended: string[] = [];
    const body = (fails: boolean) => async (thisCase: Parameters<Parameters<typeof inCase>[1]>[0]) => {
      thisCase.defer('first', (name) => ended.push(name), 'ending the first');
      thisCase.defer('second', (name) => ended.push(name), 'ending the second');
      if (fails) throw new Error('the claim does not hold');
    };
    await inCase({ boundMs: 1000 }, body(false));
    await expect(inCase({ boundMs: 1000 }, body(true))).rejects.toThrow('the claim does not hold');
    expect(ended).toEqual(['second', 'first', 'second', 'first']);
  });

  it("a failure to end fails a case that passed, and never hides the body's own failure", async () => {
    const endFails = () => Promise.reject(new Error('dispose failed'));
    await expect(inCase({ boundMs: 1000 }, async (thisCase) => void thisCase.defer(0, endFails, 'disposing'))).rejects.toThrow('dispose failed');
    await expect(
      inCase({ boundMs: 1000 }, async (thisCase) => {
        thisCase.defer(0, endFails, 'disposing');
        throw new Error('the claim does not hold');
      }),
    ).rejects.toThrow('the claim does not hold');
  });

  it('an end that never settles is a hang within the bound, named', async () => {
    const failure = await inCase({ boundMs: 50 }, async (thisCase) => void thisCase.defer(0, () => new Promise(() => {}), 'disposing of the pool')).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(BoundExceeded);
    expect((failure as Error).message).toMatch(/^disposing of the pool did not settle within 50 ms/);
  });
});
