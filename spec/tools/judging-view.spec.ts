/**
 * While a lesson is judged the learner is never left looking at nothing: each check is shown as it starts
 * and ends and, on a terminal, the case under way, redrawn every second; in a pipe, one line a check.
 */
import { describe, expect, it } from 'vitest';
import { JudgingView } from '../../scripts/learn/judging-view.ts';

function viewed(terminal: boolean, shown = () => true) {
  let written = '';
  // The terminal's "back to the line's start, and clear it", made visible.
  const view = new JudgingView('lesson 2, pool', shown, terminal, (text) => {
    written += text.replaceAll('\r\x1b[K', '⟲');
  });
  return { view, written: () => written };
}

describe('npm run learn, while it judges', () => {
  it('in a pipe: a line to begin, then one line for each check that ends, held or failed, with its time', () => {
    const { view, written } = viewed(false);
    view.told({ check: 'pool.waits', state: 'started', of: 10 });
    view.told({ check: 'pool.waits', state: 'case', passed: 4, of: 10 });
    view.told({ check: 'pool.waits', state: 'held' });
    view.told({ check: 'the contract: map settles', state: 'started', of: 10 });
    view.told({ check: 'the contract: map settles', state: 'failed' });
    view.end();
    expect(written()).toMatch(/^Judging lesson 2, pool\n {2}✓ pool\.waits \(\d+\.\d s\)\n {2}✗ the contract: map settles \(\d+\.\d s\)\n$/);
  });

  it('on a terminal: the case under way on a line of its own, which a check that ends and the verdict take', () => {
    const { view, written } = viewed(true);
    view.told({ check: 'pool.waits', state: 'started', of: 10 });
    view.told({ check: 'pool.waits', state: 'case', passed: 3, of: 10 });
    expect(written()).toMatch(/⟲ {2}… case 4 of 10, \d+\.\d s: pool\.waits$/);
    view.told({ check: 'pool.waits', state: 'held' });
    expect(written()).toMatch(/⟲ {2}✓ pool\.waits \(\d+\.\d s\)\n⟲ {2}$/);
    view.told({ check: 'lock.mutual-exclusion, hammered in real threads', state: 'started', of: undefined });
    expect(written()).toMatch(/… \d+\.\d s: lock\.mutual-exclusion, hammered in real threads$/);
    view.end();
    expect(written()).toMatch(/⟲$/);
  });

  it('two checks of one claim at once, in two lanes, each told by its place in the lesson: the first to end does not hide the other', () => {
    const { view, written } = viewed(true);
    view.told({ check: 'lock.exact-balance', index: 0, state: 'started', of: 3 });
    view.told({ check: 'lock.exact-balance', index: 2, state: 'started', of: 8 });
    view.told({ check: 'lock.exact-balance', index: 2, state: 'case', passed: 4, of: 8 });
    expect(written()).toMatch(/… case 1 of 3, \d+\.\d s: lock\.exact-balance {2}… case 5 of 8, \d+\.\d s: lock\.exact-balance$/);
    view.told({ check: 'lock.exact-balance', index: 0, state: 'held' });
    expect(written()).toMatch(/✓ lock\.exact-balance \(\d+\.\d s\)\n⟲ {2}… case 5 of 8, \d+\.\d s: lock\.exact-balance$/);
    view.end();
  });

  it('two long checks at once share the line: the first name, however long, never hides the second', () => {
    const { view, written } = viewed(true);
    const long = (what: string) => `the contract: ${what} ${'and so on, '.repeat(8)}`;
    view.told({ check: long('map settles once every item has ended'), index: 1, state: 'started', of: 12 });
    view.told({ check: long('a program that uses it ends by itself'), index: 2, state: 'started', of: 10 });
    const drawn = written().split('⟲').at(-1) ?? '';
    expect(drawn.length).toBeLessThanOrEqual(2 + 97);
    expect(drawn).toMatch(/^ {2}… case 1 of 12, \d+\.\d s: the contract: map.*… {2}… case 1 of 10, \d+\.\d s: the contract: a.*…$/);
    view.end();
  });

  it('once a newer judging owns the screen (a save, in watch mode), it draws nothing more', () => {
    let mine = true;
    const { view, written } = viewed(true, () => mine);
    view.told({ check: 'pool.waits', state: 'started', of: 10 });
    const before = written();
    mine = false;
    view.told({ check: 'pool.waits', state: 'case', passed: 1, of: 10 });
    view.told({ check: 'pool.waits', state: 'held' });
    expect(written()).toBe(before);
  });
});
