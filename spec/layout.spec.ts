/**
 * The house's one rule: `spec/` and `fixtures/` are the test runner's, and no program reaches into them. What
 * the spec, the lessons, the game, the tour and the bench share lives in a product folder (`claims/`,
 * `scheduler/`, `src/`), whose name says what it holds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const testRunnersOwn = ['spec', 'fixtures'];
/** Not ours to judge: installed packages, what a run writes, and a learner's own files. */
const notOurs = new Set(['node_modules', '.git', 'coverage', 'reports', '.stryker-tmp', join('lessons', 'yours')]);

function codeFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (notOurs.has(path) || entry.name.startsWith('.scratch-')) return [];
    if (entry.isDirectory()) return codeFiles(path);
    return /\.(ts|mts|mjs|js)$/.test(entry.name) ? [path] : [];
  });
}

/**
 * Every relative path a file names in code: what it imports or exports from, imports at run time, or
 * loads by `new URL(path, import.meta.url)`. A template is cut at its first `${`: the folder it names is what counts.
 */
function reachedFrom(file: string, text: string): string[] {
  const named = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\bnew URL\(\s*)(['"`])(\.{1,2}\/[^'"`$]*)/g;
  return [...text.matchAll(named)].map(([, , path]) => relative(root, join(root, dirname(file), path as string)));
}

describe('The layout', () => {
  it('a reach is seen in every form: an import, an export from, a dynamic import, a URL, a template', () => {
    const text = [
      "import { claims } from '../spec/claims.ts';",
      "export { Lock } from '../fixtures/locks.ts';",
      "const later = await import('../spec/later.ts');",
      "const url = new URL('../fixtures/programs/ours.ts', import.meta.url);",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template, as a file holds it
      'const each = new URL(`../fixtures/lessons/${file}`, import.meta.url);',
      "import '../spec/side-effect.ts';",
    ].join('\n');
    expect(reachedFrom(join('lessons', 'judge.ts'), text)).toEqual([
      join('spec', 'claims.ts'),
      join('fixtures', 'locks.ts'),
      join('spec', 'later.ts'),
      join('fixtures', 'programs', 'ours.ts'),
      join('fixtures', 'lessons'),
      join('spec', 'side-effect.ts'),
    ]);
  });

  it('no file outside spec/ and fixtures/ imports from them or loads them by URL', () => {
    const product = codeFiles('.').filter((file) => !testRunnersOwn.includes(file.split(sep)[0] as string));
    expect(product.length, 'code files found outside spec/ and fixtures/').toBeGreaterThan(50);
    const reaching = product.flatMap((file) =>
      reachedFrom(file, readFileSync(join(root, file), 'utf8'))
        .filter((path) => testRunnersOwn.includes(path.split(sep)[0] as string))
        .map((path) => `${file} reaches ${path}`),
    );
    expect(reaching, 'what a program reaches in spec/ or fixtures/: move it to a product folder (claims/, src/, lessons/)').toEqual([]);
  });
});
