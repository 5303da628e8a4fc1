/**
 * A lesson made for spec/tools/judge.spec.ts, judged in lanes: a lane (lessons/lane.ts) is a program of its
 * own that loads its lesson from a module, so a lesson a spec judges in lanes cannot be made inside the spec.
 * Each check runs the judged class's static method of its claim's name, `Made.b(n)`, on a hundred cases:
 * what each does (pass, fail, wait for another, hang, end its program) is the judged file's, which each
 * test writes. Checks a and c run in the judge's own program (lane 0), b and e in lane 1, d in lane 2.
 */
import * as fc from 'fast-check';
import type { Check, Lane, Lesson } from '../../lessons/lesson.ts';

export type Claim = 'a' | 'b' | 'c' | 'd' | 'e';
type Made = Record<Claim, (n: number) => unknown>;

export const casesEach = 100;

function inLane(claim: Claim, lane: Lane): Check {
  return {
    claim,
    property: {
      judges: [],
      arbitraries: [fc.integer({ min: 0, max: 1_000 })],
      numRuns: casesEach,
      check: (made: Made) => async (n: number) => {
        await made[claim](n);
      },
    },
    judged: (exported) => exported,
    shown: (n: number) => `n = ${n}`,
    ...(lane !== 0 && { lane }),
  };
}

export const lesson: Lesson = {
  name: 'in lanes',
  title: 'in lanes',
  file: 'made.ts',
  export: 'Made',
  ours: 'src/made.ts',
  checks: [inLane('a', 0), inLane('b', 1), inLane('c', 0), inLane('d', 2), inLane('e', 1)],
  mistakes: [],
  hints: ['nudge'],
  taught: '',
  hangs: '',
};
