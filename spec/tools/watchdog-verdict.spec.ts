/**
 * The line the watchdog draws (spec/support/watchdog-verdict.ts), over measured silences: how long no timer
 * of the watched thread ran (wall), and the CPU it used in that time (cpu, at most the wall: a thread runs on
 * one core at a time), for any bound. Each rule comes with a verdict that breaks it
 * (fixtures/broken-watchdog-verdicts.ts), and is shown to reject it.
 */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brokenVerdicts } from '../../fixtures/broken-watchdog-verdicts.ts';
import { busyShare, type Silence, stalledFactor, type Verdict, verdict } from '../support/watchdog-verdict.ts';

type Judge = (silence: Silence, starvedMs: number) => Verdict;
interface Case {
  readonly silence: Silence;
  readonly starvedMs: number;
}

/**
 * A fraction from 0 to 1, 1 left out, spread evenly: fc.double leans to tiny magnitudes, and would seldom
 * draw a silence near the line. 0 is drawn, so each range's own end is.
 */
const fraction = fc.integer({ min: 0, max: 2 ** 20 - 1 }).map((n) => n / 2 ** 20);

/**
 * Silences of `wall` bounds (from, to), in which the thread used CPU from `cpu(wallMs)[0]` to
 * `cpu(wallMs)[1]` ms, each range's end left out, under a bound from 1 s to 2 min.
 */
function cases(wall: [number, number], cpu: (wallMs: number, starvedMs: number) => [number, number]): fc.Arbitrary<Case> {
  return fc.record({ starvedMs: fc.integer({ min: 1_000, max: 120_000 }), wallAt: fraction, cpuAt: fraction }).map(({ starvedMs, wallAt, cpuAt }) => {
    const wallMs = (wall[0] + wallAt * (wall[1] - wall[0])) * starvedMs;
    const [least, most] = cpu(wallMs, starvedMs);
    return { silence: { wallMs, cpuMs: least + cpuAt * (most - least) }, starvedMs };
  });
}

const littleCpu = (wallMs: number, starvedMs: number): [number, number] => [0, Math.min(wallMs, busyShare * starvedMs)];

/** Each rule: it asserts its property of a judge over a thousand cases (cheap; a broken line is found whatever the seed). */
const rules: Record<string, (judge: Judge) => void> = {
  'the bound: a silence shorter than the bound is waited out, whatever the thread used': (judge) =>
    holds(
      cases([0, 1], (wallMs) => [0, wallMs]),
      ({ silence, starvedMs }) => judge(silence, starvedMs) === 'wait',
    ),
  'never yields: a thread that used half a core or more in a silence of the bound or longer has starved its timers': (judge) =>
    holds(
      cases([1, 4 * stalledFactor], (wallMs) => [busyShare * wallMs, wallMs]),
      ({ silence, starvedMs }) => judge(silence, starvedMs) === 'starved',
    ),
  "under load: a thread that used less than half the bound's worth of CPU is waited for, up to eight bounds": (judge) =>
    holds(cases([1, stalledFactor], littleCpu), ({ silence, starvedMs }) => judge(silence, starvedMs) === 'wait'),
  'blocked: a silence of eight bounds or longer ends the thread, however little it used': (judge) =>
    holds(cases([stalledFactor, 4 * stalledFactor], littleCpu), ({ silence, starvedMs }) => judge(silence, starvedMs) === 'stalled'),
  'a line: a silence that goes on never takes an ending back, whatever the thread uses in the rest of it': (judge) =>
    holds(
      fc.tuple(
        cases([0, 2 * stalledFactor], (wallMs) => [0, wallMs]),
        fraction,
        fraction,
      ),
      ([{ silence, starvedMs }, longer, share]) => {
        const more = longer * stalledFactor * starvedMs;
        return judge(silence, starvedMs) === 'wait' || judge({ wallMs: silence.wallMs + more, cpuMs: silence.cpuMs + share * more }, starvedMs) !== 'wait';
      },
    ),
};

function holds<T>(arbitrary: fc.Arbitrary<T>, rule: (value: T) => boolean): void {
  fc.assert(fc.property(arbitrary, rule), { numRuns: 1_000 });
}

describe("The watchdog's verdict: starvation told from load by the CPU the silent thread used", () => {
  for (const [name, rule] of Object.entries(rules)) it(name, () => rule(verdict));

  it.each(brokenVerdicts)('rejects a verdict by which $name (the rule "$breaks")', ({ judge, breaks }) => {
    const rule = Object.entries(rules).find(([name]) => name.startsWith(`${breaks}:`))?.[1];
    expect(rule, `no rule named "${breaks}"`).toBeDefined();
    expect(() => rule?.(judge)).toThrow(/Property failed/);
  });
});
