/**
 * What `npm run learn` checks before it judges a file (scripts/learn/type-errors.ts): that it compiles as Node
 * runs it (type stripping: only syntax that can be erased, type imports said to be types) and as strictly as
 * our own code, each error told with its file, line and column; what Node allows is no error.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { afterAll, expect, it } from 'vitest';
import { root } from '../../lessons/judge.ts';
import { typeErrors } from '../../scripts/learn/type-errors.ts';

// Beside the lessons' own modules, as a learner's file is (lessons/yours/), so that it imports them as theirs do.
const folder = join(root, 'lessons', `.scratch-types-${process.pid}`);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

it("tells each error with its file, line and column: a type imported as a value, an implicit any, syntax Node cannot erase, an override unsaid; and not what Node allows (a .ts import, Node's globals, top-level await, today's library)", async () => {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, 'checked.ts');
  writeFileSync(
    path,
    [
      "import { Lesson } from '../lesson.ts';",
      "import { lessons } from '../lessons.ts';",
      '',
      'export const first: Lesson | undefined = lessons[0];',
      'export function untyped(x) {',
      '  return x;',
      '}',
      'export enum Colour {',
      '  Red,',
      '}',
      'class Base {',
      '  run(): void {}',
      '}',
      'export class Derived extends Base {',
      '  run(): void {}',
      '}',
      'export const pid: number = process.pid;',
      'export const waited = await Promise.resolve(1);',
      'export const last = [1, 2].findLast((n) => n > 1);',
      '',
    ].join('\n'),
  );
  const file = `lessons/.scratch-types-${process.pid}/checked.ts`;
  expect(await typeErrors(path)).toEqual([
    `${file}:1:10: TS1484 'Lesson' is a type and must be imported using a type-only import when 'verbatimModuleSyntax' is enabled.`,
    `${file}:5:25: TS7006 Parameter 'x' implicitly has an 'any' type.`,
    `${file}:8:13: TS1294 This syntax is not allowed when 'erasableSyntaxOnly' is enabled.`,
    `${file}:15:3: TS4114 This member must have an 'override' modifier because it overrides a member in the base class 'Base'.`,
  ]);
});
