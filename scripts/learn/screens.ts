/** What `npm run learn` prints: a verdict's screen, failing or passing, and the progress line. */
import { styleText } from 'node:util';
import { claim } from '../../claims/claims.ts';
import { hintText } from '../../lessons/hint.ts';
import type { Failure } from '../../lessons/judge.ts';
import type { Lesson } from '../../lessons/lesson.ts';
import { lessonClaims, lessons } from '../../lessons/lessons.ts';
import { shown } from './workspace.ts';

// styleText leaves the text plain when the output is not a terminal, or with NO_COLOR.
export const bold = (text: string) => styleText('bold', text);
export const red = (text: string) => styleText('red', text);
export const green = (text: string) => styleText('green', text);
export const dim = (text: string) => styleText('dim', text);

function show(label: string, text: string): string {
  const [first, ...rest] = text.split('\n');
  return [`  ${label.padEnd(16)}${first}`, ...rest.map((line) => `${' '.repeat(18)}${line}`)].join('\n');
}

export function failureScreen(
  lesson: Lesson,
  path: string,
  failure: Failure,
  { hint, verbose, watch }: { readonly hint: number; readonly verbose: boolean; readonly watch?: boolean },
  printed: string | undefined,
): string {
  const lines: string[] = [];
  if (failure.claim !== undefined) lines.push(`${red('✗')} ${bold(failure.claim)}`, `  ${claim(failure.claim).claim}`, '');
  else if (failure.contract !== undefined) {
    lines.push(
      `${red('✗')} ${bold(`the contract: ${failure.contract}`)}`,
      `  ${dim('Not a claim of the document: what our class keeps beyond them, and so must yours.')}`,
      '',
    );
  } else lines.push(`${red('✗')} ${bold(`${shown(path)} cannot be judged yet`)}`, '');
  if (failure.notWritten !== undefined) lines.push(show('Write this:', failure.notWritten));
  else lines.push(show('What failed:', failure.failed));
  if (verbose && failure.diagnostics !== undefined) lines.push(show('As checked:', dim(failure.diagnostics)));
  if (failure.mistake !== undefined) lines.push(show('The mistake:', failure.mistake));
  // Better no mistake named than the wrong one.
  else if (failure.notWritten === undefined && (failure.claim ?? failure.contract) !== undefined)
    lines.push(show('The mistake:', dim(`not one the judge knows: read what failed${failure.counterexample === undefined ? '' : ', and the smallest case'}.`)));
  if (failure.counterexample !== undefined && failure.notWritten === undefined) lines.push(show('Smallest case:', failure.counterexample));
  if (failure.story !== undefined) {
    lines.push(show('Step by step:', failure.story.map((step, i) => `${String(i + 1).padStart(2)}. ${step}`).join('\n')));
    if (lesson.legend !== undefined) lines.push(show('', dim(lesson.legend)));
    lines.push(show('Replay it:', `SCHEDULE=${failure.schedule} npm run learn -- --lesson ${lesson.name}`));
  }
  if (failure.look !== undefined) lines.push(show('Look at:', failure.look));
  if (printed !== undefined) lines.push(show('Your code said:', printed.split('\n').slice(-10).join('\n')));
  lines.push('');
  if (hint > 0) lines.push(bold('Hint:'), hintText(lesson, hint).replace(/^(?=.)/gm, '  '), '');
  lines.push(whatNext(path, watch));
  if (hint === 0) lines.push(`Stuck? ${bold('npm run learn -- --hint')}`);
  return lines.join('\n');
}

/** What the learner does next: in a watch, saving is enough. */
export function whatNext(path: string, watch = false): string {
  if (watch) return `Edit ${shown(path)} and save it: the watch judges it again.`;
  return `Edit ${shown(path)}, then run ${bold('npm run learn')} again (or leave ${bold('npm run learn -- --watch')} running).`;
}

export function passScreen(lesson: Lesson): string {
  const number = lessons.indexOf(lesson) + 1;
  const claims = [...new Set(lesson.checks.flatMap((check) => check.claim ?? []))];
  const contract = lesson.checks.flatMap((check) => check.contract ?? []);
  return [
    `${green('✓')} ${bold(`Lesson ${number} of ${lessons.length}, ${lesson.title}: every claim holds.`)}`,
    ...claims.map((id) => `  ${green('✓')} ${id}: ${claim(id).claim}`),
    ...(contract.length === 0 ? [] : [`  ${dim('And the contract our class keeps beyond them:')}`, ...contract.map((each) => `  ${green('✓')} ${each}`)]),
    show('What it taught:', lesson.taught),
    show(
      'Compare:',
      `ours is in ${lesson.ours}${lesson.oursWith === undefined ? '' : ` (and ${lesson.oursWith})`}; the lesson's own answer: ${bold(`npm run learn -- --solution --lesson ${lesson.name}`)}.`,
    ),
  ].join('\n');
}

export function progressLine(passed: Set<string>, holding: readonly string[]): string {
  const held = new Set([
    ...lessons.filter((lesson) => passed.has(lesson.name)).flatMap((lesson) => lesson.checks.flatMap((check) => check.claim ?? [])),
    ...holding,
  ]);
  return dim(`Progress: ${passed.size} of ${lessons.length} lessons done · ${held.size} of ${lessonClaims.length} claims hold for your code`);
}
