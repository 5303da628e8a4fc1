/**
 * Ends `npm test` with the document's claims in the document's order, each held or not, and the Node
 * version they were checked on. A claim that fails is shown with its counterexample and the command
 * that replays it. It reads vitest's results through the reporter API, never its printed output.
 */
import { relative } from 'node:path';
import process from 'node:process';
import { styleText } from 'node:util';
import type { SerializedError } from 'vitest';
import type { Reporter, TestCase, TestModule, TestRunEndReason } from 'vitest/node';
import { claimIdOf, claims, errata } from '../../claims/claims.ts';

type Verdict = 'holds' | 'fails' | 'unchecked';

/**
 * A claim holds only when every test that checks it ran and passed; it fails when one failed. Any other
 * claim was not checked: a test of it did not run to its end (its file ended early: its worker was
 * killed, or crashed), was skipped (a filter), or none ran at all. Said with why.
 */
function verdictOf(tests: readonly TestCase[]): { verdict: Verdict; why?: string } {
  const states = tests.map((test) => test.result().state);
  if (states.includes('failed')) return { verdict: 'fails' };
  if (tests.length === 0) return { verdict: 'unchecked', why: 'no test of it ran' };
  if (states.includes('pending')) return { verdict: 'unchecked', why: 'its file ended early' };
  if (states.includes('skipped')) return { verdict: 'unchecked', why: 'some of its tests were skipped' };
  return { verdict: 'holds' };
}

const mark: Record<Verdict, string> = {
  holds: styleText('green', '✓'),
  fails: styleText('red', '✗'),
  unchecked: styleText('yellow', '?'),
};

/** `2 not checked (its file ended early; no test of it ran)`: how many were not checked, and why, each reason once. */
function notChecked(whys: readonly string[]): string {
  return whys.length === 0 ? '' : `, ${whys.length} not checked (${[...new Set(whys)].join('; ')})`;
}

/** Why a run failed that the claims' own verdicts do not tell: errors outside any test, failed tests of no claim. */
function runFailure(testModules: ReadonlyArray<TestModule>, unhandled: number, reason: TestRunEndReason): string | undefined {
  const otherFailures = testModules
    .flatMap((module) => [...module.children.allTests()])
    .filter((test) => test.result().state === 'failed' && claimIdOf(test.name) === undefined).length;
  const whys = [
    unhandled > 0 && `${unhandled} error${unhandled === 1 ? '' : 's'} outside any test`,
    otherFailures > 0 && `${otherFailures} test${otherFailures === 1 ? '' : 's'} of no claim failed`,
    testModules.some((module) => module.errors().length > 0) && 'a file failed to load',
  ].filter(Boolean);
  if (whys.length > 0) return whys.join(', ');
  return reason === 'passed' ? undefined : reason === 'interrupted' ? 'it was interrupted' : 'a test failed';
}

/** The counterexample, the reason and the replay command of a failed property, as far as its error tells. */
function explain(test: TestCase, id: string): string[] {
  const result = test.result();
  if (result.state !== 'failed') return [];
  const error = result.errors?.[0];
  const message = error?.message ?? '';
  const cause = (error as { cause?: { message?: string } } | undefined)?.cause?.message ?? message;
  const counterexample = /Counterexample: (.*)/.exec(message)?.[1];
  const replay = /seed: (-?\d+), path: "([^"]*)"/.exec(message);
  const file = relative(process.cwd(), test.module.moduleId);
  const lines = [`in ${test.fullName}`];
  if (counterexample !== undefined) lines.push(`counterexample: ${counterexample}`);
  lines.push(`why: ${cause.split('\n')[0]}`);
  const env = replay === null ? '' : `FC_SEED=${replay[1]} FC_PATH="${replay[2]}" `;
  lines.push(`replay: ${env}npx vitest run ${file} -t "${id}"`);
  return lines.map((line) => `        ${styleText('dim', line)}`);
}

/** `every schedule of 2 deposits: 48; of 2 deposits, number 1 failing: 32`: what each scheduled check judged, as counted. */
function judged(tests: readonly TestCase[]): string[] {
  const counts = new Map<string, Set<number>>();
  for (const test of tests) {
    for (const { configuration, schedules, reduced } of test.meta().schedules ?? []) {
      const name = reduced ? `${configuration} (reduced)` : configuration;
      counts.set(name, (counts.get(name) ?? new Set()).add(schedules));
    }
  }
  if (counts.size === 0) return [];
  const each = [...counts].map(([name, numbers]) => `${name}: ${[...numbers].join(' or ')}`);
  return [`        ${styleText('dim', `schedules judged: ${each.join('; ')}`)}`];
}

export default class ClaimsReporter implements Reporter {
  #started = performance.now();

  onTestRunStart(): void {
    this.#started = performance.now();
  }

  /** A failure is said as it happens, with when and why, not only once every file has ended. */
  onTestCaseResult(test: TestCase): void {
    const result = test.result();
    if (result.state !== 'failed') return;
    const error = result.errors?.[0] as { message?: string; cause?: { message?: string } } | undefined;
    const why = (error?.cause?.message ?? error?.message ?? '').split('\n')[0];
    const at = ((performance.now() - this.#started) / 1000).toFixed(1);
    const file = relative(process.cwd(), test.module.moduleId);
    process.stdout.write(`\n${mark.fails} failed at ${at} s: ${test.fullName} (${file})\n    ${styleText('dim', `why: ${why}`)}\n`);
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, reason: TestRunEndReason): void {
    const testsOf = new Map<string, TestCase[]>();
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const id = claimIdOf(test.name);
        if (id !== undefined) testsOf.set(id, [...(testsOf.get(id) ?? []), test]);
      }
    }
    // A run that checked no claim (`npm run test:tools`, a file of helpers' specs) has none to list.
    if (testsOf.size === 0) {
      process.stdout.write(`\n${styleText('dim', `No claim checked on Node ${process.version}`)}\n\n`);
      return;
    }
    const lines = ['', styleText('bold', `The document's claims, checked on Node ${process.version}:`)];
    let holding = 0;
    let failing = 0;
    const unchecked: string[] = [];
    let section = '';
    for (const claim of claims) {
      if (claim.section !== section) {
        section = claim.section;
        lines.push(`  ${styleText('underline', section)}`);
      }
      const tests = testsOf.get(claim.id) ?? [];
      const { verdict, why } = verdictOf(tests);
      if (verdict === 'holds') holding += 1;
      if (verdict === 'fails') failing += 1;
      if (why !== undefined) unchecked.push(why);
      const said = why === undefined ? '' : ` ${styleText('yellow', `not checked: ${why}`)}`;
      lines.push(`    ${mark[verdict]} ${styleText('bold', claim.id)}${said} ${styleText('dim', claim.claim)}`);
      lines.push(...judged(tests));
      for (const test of tests) lines.push(...explain(test, claim.id));
    }
    const caught = errata.filter((erratum) => verdictOf(testsOf.get(erratum.id) ?? []).verdict === 'holds');
    if (caught.length > 0) {
      lines.push('', styleText('bold', "Errata the properties catch in the document's own transcripts:"));
      for (const erratum of caught) lines.push(`    ${styleText('yellow', '!')} ${styleText('bold', erratum.id)} ${styleText('dim', erratum.erratum)}`);
    }
    const remarks = errata.filter((erratum) => !erratum.tested).length;
    const plural = caught.length === 1 ? 'erratum' : 'errata';
    const failed = runFailure(testModules, unhandledErrors.length, reason);
    const errataSaid = `${caught.length} ${plural} in the document (${remarks} more noted in the README)`;
    const counted = `claims hold${notChecked(unchecked)}${failing > 0 ? `, ${failing} fail` : ''}`;
    // The words `N/M claims hold` are said only of a run that passed: a run that failed, whatever its
    // claims did, says so first (npm run test:matrix reads the same words).
    const summary =
      failed === undefined
        ? `${holding}/${claims.length} ${counted} on Node ${process.version}; ${errataSaid}`
        : `The run failed (${failed}): ${holding} of ${claims.length} ${counted}, on Node ${process.version}; ${errataSaid}`;
    // Where a learner goes next: the same claims, judged on code they write. Then the verdict, last.
    lines.push('', styleText('dim', 'Write these claims yourself, lesson by lesson, judged by the same properties: npm run learn'));
    lines.push(failed === undefined && holding === claims.length ? styleText('green', summary) : styleText('red', summary), '');
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}
