/**
 * How many schedules each scheduled check judged, as it judged them: a property records each case's
 * count here, and the test that ran it (spec/support/specify.ts) carries them to the claims reporter.
 */
export interface Counted {
  readonly claim: string;
  /** What was judged, as the README's table names it: `2 deposits`. */
  readonly configuration: string;
  readonly schedules: number;
  readonly reduced: boolean;
}

const counted: Counted[] = [];

export function recordCount(count: Counted): void {
  counted.push(count);
}

/** The counts recorded since the last call. */
export function takeCounts(): Counted[] {
  return counted.splice(0);
}
