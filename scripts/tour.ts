/**
 * `npm start [-- <program>] [--no-lock]`: the document's programs, run live in its order, each followed by
 * a timeline of its processes or threads and the claim it illustrates. `npm start -- --help` lists them.
 */
import process from 'node:process';
import { parseArgs, styleText } from 'node:util';
import { claims } from '../claims/claims.ts';
import { MS_PER_DOCUMENT_SECOND } from '../src/tasks/download.ts';
import { now } from './tour/clock.ts';
import { type Options, type Program, programs } from './tour/programs.ts';
import { drawTimeline, type Kind, legendOf } from './tour/timeline.ts';

const usage = `Usage: npm start [-- <program>] [--no-lock]

Runs the programs of "Process vs Thread" for real, in the document's order, and draws each as a
timeline: one row per process or thread, on one time axis (· starting, ░ waiting, █ working).
Durations are the document's, scaled: each of its seconds lasts ${MS_PER_DOCUMENT_SECOND} ms here.

Programs:
${programs.map((each) => `  ${each.name.padEnd(18)} ${each.title}`).join('\n')}

Options:
  --no-lock           the bank deposits without its lock, and loses updates
  -h, --help          this help

With no program, runs them all, the bank with its lock and then without.
Colours only on a terminal; NO_COLOR=1 turns them off.`;

// Styles apply only when stdout is a terminal that takes colours, and never with NO_COLOR: styleText checks both.
const paint = (kind: Kind, text: string) => styleText(kind === 'work' ? 'green' : kind === 'wait' ? 'yellow' : 'gray', text);

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

function parse(): { runs: { program: Program; options: Options }[] } {
  let parsed: ReturnType<
    typeof parseArgs<{
      allowPositionals: true;
      allowNegative: true;
      options: { lock: { type: 'boolean'; default: true }; help: { type: 'boolean'; short: 'h' } };
    }>
  >;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      allowNegative: true,
      options: { lock: { type: 'boolean', default: true }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    fail((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const selected = positionals.map((name) => programs.find((each) => each.name === name) ?? fail(`No program named "${name}".`));
  if (selected.length > 0) return { runs: selected.map((program) => ({ program, options: { lock: values.lock } })) };
  const runs = programs.map((program) => ({ program, options: { lock: values.lock } }));
  // The whole tour shows the bank both ways, unless --no-lock asked for one.
  if (values.lock) runs.push({ program: programs.at(-1) as Program, options: { lock: false } });
  return { runs };
}

function claimLine(id: string): string {
  const claim = claims.find((each) => each.id === id);
  return `${styleText('cyan', id)}: ${claim?.claim ?? '(not in the registry)'}`;
}

const { runs } = parse();
const began = now();
for (const [i, { program, options }] of runs.entries()) {
  const title = program.name === 'bank' && !options.lock ? `${program.title}, without the lock` : program.title;
  console.log(
    `\n${styleText('bold', `${i + 1}/${runs.length}  ${title}`)}  ${styleText('dim', `(npm start -- ${program.name}${options.lock ? '' : ' --no-lock'})`)}\n`,
  );
  const outcome = await program.run(options);
  console.log('');
  const width = Math.min(64, Math.max(20, (process.stdout.columns ?? 100) - 24));
  for (const line of drawTimeline(outcome.rows, { width, paint })) console.log(`  ${line}`);
  if (outcome.rows.length > 0) console.log(`  ${styleText('dim', legendOf(outcome.rows))}`);
  console.log('');
  for (const line of outcome.lines) console.log(`  ${line}`);
  for (const id of outcome.claims) console.log(`  ${styleText('dim', 'Claim')} ${claimLine(id)}`);
}
console.log(`\nTour done in ${((now() - began) / 1000).toFixed(1)} s. The spec proves each claim: npm test.`);
