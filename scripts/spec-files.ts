/** The spec files, and the check that every filter given on the command line matches one of them. */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const specDir = fileURLToPath(new URL('../spec/', import.meta.url));

export function specFiles(): string[] {
  return readdirSync(specDir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.spec.ts'))
    .map((file) => `spec/${file}`)
    .sort();
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
