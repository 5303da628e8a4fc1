/** `--lines`: the Node lines on which the bench times our `.ts` entry against `.mjs`, the only rows that may need a Node downloaded. */

/** The lines the project holds to `.ts ≤ 1.2× .mjs`: their compile cache covers TypeScript (Node 22's does not, see scripts/matrix.ts). */
export const benchLines = ['24', '26'];

export const linesHelp = `current (only this Node, nothing to download) or lines of ${benchLines.join(', ')} separated by commas`;

/**
 * The lines `value` names, of `benchLines`: all of them when it is absent; with `current`, those whose version
 * (`versions`, package.json's) is the Node that runs (`running`, as `process.version` says it). A value that
 * names anything else is an error, saying what was given and what is allowed.
 */
export function chooseLines(value: string | undefined, versions: Record<string, string>, running: string): { lines: string[] } | { error: string } {
  if (value === undefined) return { lines: benchLines };
  if (value === 'current') return { lines: benchLines.filter((line) => `v${versions[line]}` === running) };
  const named = value.split(',');
  if (named.every((line) => benchLines.includes(line))) return { lines: benchLines.filter((line) => named.includes(line)) };
  return { error: `--lines takes ${linesHelp} (e.g. --lines ${benchLines.join(',')}); got "${value}"` };
}
