/** The spec files, and the check that every filter given on the command line matches one of them. */
import { globSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import config from '../vitest.config.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The files vitest runs: its configuration's own `include`, so the two never disagree. */
export function specFiles(): string[] {
  return globSync(config.test?.include ?? [], { cwd: root }).sort();
}

/**
 * vitest reads each positional argument as a filter on spec file paths, and a filter that matches
 * nothing makes every run fail with "No test files found". Say so at once instead, listing the files.
 */
export function unmatchedFilters(filters: readonly string[]): string | undefined {
  const files = specFiles();
  const unmatched = filters.filter((filter) => !files.some((file) => file.includes(filter)));
  if (unmatched.length === 0) return undefined;
  const hint = unmatched.some((filter) => /^\d+$/.test(filter)) ? ' (a number of runs is given as --runs N)' : '';
  return `No spec file matches ${unmatched.map((filter) => JSON.stringify(filter)).join(', ')}${hint}. The spec files are:\n  ${files.join('\n  ')}`;
}
