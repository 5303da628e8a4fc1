/** `npm run learn`'s options, read and checked: a bad one is a usage error (exit 2), naming what is allowed. */

import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { challenges } from '../../lessons/challenges.ts';
import { lessonNamed, lessons } from '../../lessons/lessons.ts';
import { names, root, workspace } from './workspace.ts';

/** How long one judging may take before it is called a hang. */
export const boundMs = Number(process.env.LEARN_BOUND_MS ?? 60_000);

export const usage = `Usage: npm run learn [-- options]

Write the document's claims yourself, lesson by lesson; the spec's own properties judge your code.
Your files are in ${relative(root, workspace)}/ (ignored by git: your work stays yours).

Lessons, in order:
${lessons.map((lesson, i) => `  ${lesson.name.padEnd(8)} ${i + 1}. ${lesson.title}  (${relative(root, workspace)}/${lesson.file})`).join('\n')}

Options:
  --lesson NAME   judge this lesson, passed or not, and only it
  --watch         judge again each time you save a lesson's file
  --hint          show a hint for the lesson that fails: a nudge first, more each time you ask again
  --solution      show our answer to the lesson (the first not passed, or --lesson NAME), without judging
  --verbose       also show what failed as the checks and the scheduler said it, for a bug report
  --reset NAME    put a lesson's starting file back in place of yours, after asking (yours is kept beside it)
  --file PATH     judge another file in the lesson's place (needs --lesson): try --lesson lock --file src/lock.ts
  --help          show this

You are the scheduler:
  --play                list the challenges: real code, run in real threads one Atomics step at a time, each
                        step the one you choose; you win by reaching what the claim forbids
  --play NAME           play one: keys 1, 2, 3 run that thread's next step, u undoes, r restarts, ? explains,
                        g gives up (the scheduler then tries every schedule), q quits
  --play --file PATH    break your own lock, account or counter (its lesson from --lesson, or the file's name)
  --moves 1,2,1,...     play these keys without a terminal, and print where they lead (exit 0 on a win)

Challenges, in order:
${challenges.map((challenge, i) => `  ${challenge.name.padEnd(17)} ${i + 1}. ${challenge.title}`).join('\n')}

Code that runs longer than ${boundMs / 1000} s is stopped, and the verdict says so.
It exits with 0 when every lesson it judged passed, 1 when one failed, 2 for a bad option:
\`npm run learn && git commit\` commits only work that passes.`;

export class UsageError extends Error {}

export function options() {
  try {
    const { values, positionals } = parseArgs({
      options: {
        lesson: { type: 'string' },
        watch: { type: 'boolean', default: false },
        hint: { type: 'boolean', default: false },
        solution: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        reset: { type: 'string' },
        file: { type: 'string' },
        help: { type: 'boolean', default: false },
        play: { type: 'boolean', default: false },
        moves: { type: 'string' },
      },
      allowPositionals: true,
    });
    const [name, ...more] = positionals;
    if (name !== undefined && !values.play)
      throw new UsageError(`${JSON.stringify(name)}: npm run learn takes no name without --play (a lesson is --lesson NAME).`);
    if (more.length > 0) throw new UsageError(`--play takes one challenge, not ${positionals.length}: ${positionals.join(', ')}.`);
    if (values.moves !== undefined && !values.play) throw new UsageError('--moves goes with --play NAME: npm run learn -- --play NAME --moves 1,2,1');
    if (values.play) {
      if (values.watch || values.hint || values.solution || values.reset !== undefined)
        throw new UsageError('--play goes with a challenge NAME or --file PATH (and --lesson, --moves), not --watch, --hint, --solution or --reset.');
      if (values.file !== undefined && !existsSync(values.file)) throw new UsageError(`--file ${values.file}: no such file.`);
      return { ...values, challenge: name };
    }
    for (const name of [values.lesson, values.reset]) {
      if (name !== undefined && lessonNamed(name) === undefined)
        throw new UsageError(`There is no lesson ${JSON.stringify(name)}. The lessons are: ${names.join(', ')}.`);
    }
    if (values.file !== undefined && values.lesson === undefined) throw new UsageError('--file needs --lesson NAME: which lesson to judge the file as.');
    if (values.file !== undefined && !existsSync(values.file)) throw new UsageError(`--file ${values.file}: no such file.`);
    if (values.solution && (values.watch || values.hint || values.file !== undefined || values.reset !== undefined))
      throw new UsageError('--solution shows our answer, and judges nothing: it goes with --lesson NAME alone.');
    if (values.reset !== undefined && (values.watch || values.lesson !== undefined || values.file !== undefined)) {
      throw new UsageError('--reset NAME stands alone: reset, then run `npm run learn`.');
    }
    return { ...values, challenge: undefined };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // parseArgs names the option it did not know; say which it knows.
    throw new UsageError(
      `${(error as Error).message.split('. ')[0]}. The options are --lesson NAME, --watch, --hint, --solution, --verbose, --reset NAME, --file PATH, --play [NAME], --moves KEYS, --help.`,
    );
  }
}
