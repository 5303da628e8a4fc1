/**
 * While a lesson is judged the learner is never left looking at nothing: each check is shown as it starts
 * and ends and, on a terminal, the case under way, redrawn every second; in a pipe, one line a check.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JudgingView } from '../../scripts/learn/judging-view.ts';

function viewed(terminal: boolean, shown = () => true) {
  let written = '';
  // The terminal's "back to the line's start, and clear it", made visible.
  const view = new JudgingView('lesson 2, pool', shown, terminal, (text) => {
    written += text.replaceAll('\r\x1b[K', '⟲');
  });
  return { view, written: () => written };
}

/** The clock the view reads (performance.now), set by the test, in ms; and the terminal's once-a-second redraw, run by the test. */
function clocked() {
  let now = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => now);
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
  return {
    at: (ms: number) => {
      now = ms;
    },
    /** `ms` pass: the clock moves on, and each redraw due in them runs. */
    pass: (ms: number) => {
      now += ms;
      vi.advanceTimersByTime(ms);
    },
  };
}
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

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
    view.told({ check: 'lock.exact-balance', index: 1, state: 'started', of: 3 });
    view.told({ check: 'lock.exact-balance', index: 3, state: 'started', of: 8 });
    view.told({ check: 'lock.exact-balance', index: 3, state: 'case', passed: 4, of: 8 });
    expect(written()).toMatch(/… case 1 of 3, \d+\.\d s: lock\.exact-balance {2}… case 5 of 8, \d+\.\d s: lock\.exact-balance$/);
    view.told({ check: 'lock.exact-balance', index: 1, state: 'held' });
    expect(written()).toMatch(/✓ lock\.exact-balance \(\d+\.\d s\)\n⟲ {2}… case 5 of 8, \d+\.\d s: lock\.exact-balance$/);
    view.end();
  });

  it('two long checks at once share the line: the first name, however long, never hides the second', () => {
    const { view, written } = viewed(true);
    const long = (what: string) => `the contract: ${what} ${'and so on, '.repeat(8)}`;
    view.told({ check: long('map settles once every item has ended'), index: 1, state: 'started', of: 12 });
    view.told({ check: long('a program that uses it ends by itself'), index: 2, state: 'started', of: 10 });
    const drawn = written().split('⟲').at(-1) ?? '';
    // The terminal's width (100 when it does not say) less 3; two shares of 47 and the 2 spaces between them.
    expect(drawn.length).toBe(2 + 47 + 2 + 47);
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

  it("tells each check's own time, from its start to its end, in seconds to a tenth; on a terminal, the one under way counts up each second", () => {
    const clock = clocked();
    const { view, written } = viewed(true);
    clock.at(1_000);
    view.told({ check: 'pool.waits', state: 'started', of: 10 });
    clock.pass(1_000);
    expect(written()).toMatch(/⟲ {2}… case 1 of 10, 1\.0 s: pool\.waits$/);
    clock.pass(1_000);
    view.told({ check: 'pool.waits', state: 'case', passed: 1, of: 10 });
    expect(written()).toMatch(/⟲ {2}… case 2 of 10, 2\.0 s: pool\.waits$/);
    clock.at(3_400);
    view.told({ check: 'pool.waits', state: 'held' });
    expect(written()).toMatch(/⟲ {2}✓ pool\.waits \(2\.4 s\)\n/);
    view.end();
    const ended = written();
    clock.pass(3_000);
    expect(written(), 'after the verdict, a second later').toBe(ended);
  });

  it('after the verdict, a check still under way in another lane (no longer needed, ending its case) draws nothing', () => {
    const { view, written } = viewed(true);
    view.told({ check: 'pool.order', index: 1, state: 'started', of: 10 });
    view.end();
    const ended = written();
    view.told({ check: 'pool.order', index: 1, state: 'case', passed: 1, of: 10 });
    expect(written()).toBe(ended);
  });

  it('a name exactly as long as the line has room for is shown whole', () => {
    clocked();
    const { view, written } = viewed(true);
    const check = 'x'.repeat(97 - '… 0.0 s: '.length);
    view.told({ check, state: 'started', of: undefined });
    expect(written().split('⟲').at(-1)).toBe(`  … 0.0 s: ${check}`);
    view.end();
  });

  it('once a newer judging owns the screen, the redraw each second draws nothing either; in a pipe, no check that ends is told', () => {
    const clock = clocked();
    let mine = true;
    const { view, written } = viewed(true, () => mine);
    view.told({ check: 'pool.waits', state: 'started', of: 10 });
    const before = written();
    mine = false;
    clock.pass(3_000);
    expect(written()).toBe(before);
    mine = true;
    const piped = viewed(false, () => mine);
    piped.view.told({ check: 'pool.waits', state: 'started', of: 10 });
    mine = false;
    piped.view.told({ check: 'pool.waits', state: 'held' });
    expect(piped.written()).toBe('Judging lesson 2, pool\n');
  });

  it("a check's end told without its start is not shown, and the view goes on", () => {
    const { view, written } = viewed(false);
    view.told({ check: 'pool.waits', state: 'held' });
    view.told({ check: 'pool.order', state: 'started', of: 1 });
    view.told({ check: 'pool.order', state: 'held' });
    expect(written()).toMatch(/^Judging lesson 2, pool\n {2}✓ pool\.order \(\d+\.\d s\)\n$/);
  });
});
