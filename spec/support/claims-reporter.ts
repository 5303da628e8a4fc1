/**
 * Ends `npm test` with the document's claims in the document's order, each held or not, and the Node
 * version they were checked on. It reads vitest's results through the reporter API, never its output.
 */
import process from 'node:process';
import { styleText } from 'node:util';
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import { claims } from '../claims.ts';

type Verdict = 'holds' | 'fails' | 'unchecked';

/** The claim id a test names at the start of its title: `process.concurrent: ...`. */
export function claimIdOf(testName: string): string | undefined {
  return /^([a-z]+(?:\.[a-z-]+)+):/.exec(testName)?.[1];
}

function verdictOf(tests: readonly TestCase[]): Verdict {
  const states = tests.map((test) => test.result().state);
  if (states.includes('failed')) return 'fails';
  return states.includes('passed') ? 'holds' : 'unchecked';
}

const mark: Record<Verdict, string> = {
  holds: styleText('green', '✓'),
  fails: styleText('red', '✗'),
  unchecked: styleText('yellow', '?'),
};

export default class ClaimsReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const testsOf = new Map<string, TestCase[]>();
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const id = claimIdOf(test.name);
        if (id !== undefined) testsOf.set(id, [...(testsOf.get(id) ?? []), test]);
      }
    }
    const lines = [``, styleText('bold', `The document's claims, checked on Node ${process.version}:`)];
    let holding = 0;
    let section = '';
    for (const claim of claims) {
      if (claim.section !== section) {
        section = claim.section;
        lines.push(`  ${styleText('underline', section)}`);
      }
      const verdict = verdictOf(testsOf.get(claim.id) ?? []);
      if (verdict === 'holds') holding += 1;
      lines.push(`    ${mark[verdict]} ${styleText('bold', claim.id)} ${styleText('dim', claim.claim)}`);
    }
    const summary = `${holding}/${claims.length} claims hold on Node ${process.version}`;
    lines.push('', holding === claims.length ? styleText('green', summary) : styleText('red', summary), '');
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}
