/**
 * Where a member of a class is written in a lesson's file: the judge points a learner at it ("Look at"),
 * and a hint shows our solution's own (lessons/hint.ts), so that the solution is the only copy of its code.
 */

/** The index of the line where `member` is declared, or -1. */
function declarationOf(lines: readonly string[], member: string): number {
  const escaped = member.replace(/[[\]().*+?^$|\\]/g, '\\$&');
  // A method, a getter, or a field that holds one (`pid = process.pid`, `map = async (...) => ...`).
  const written = new RegExp(`^\\s*(async\\s+|get\\s+|override\\s+)*${escaped}\\s*[<(]`);
  const field = new RegExp(`^\\s*(readonly\\s+|public\\s+|protected\\s+|override\\s+)*#?${escaped}\\s*[:=;]`);
  return lines.findIndex((line) => written.test(line) || field.test(line));
}

/** The file's line (from 1) where `member` is written, or its first line of code. */
export function lineOf(source: string, member: string): number {
  const lines = source.split('\n');
  const at = declarationOf(lines, member);
  return at >= 0 ? at + 1 : Math.max(1, lines.findIndex((line) => line.startsWith('export')) + 1);
}

/**
 * The lines of `member` as written, from its declaration to its closing brace at the same indent (one
 * line for a field or a one-line method); with `body`, only what lies between its braces.
 */
export function memberLines(source: string, member: string, { body = false } = {}): string[] {
  const lines = source.split('\n');
  const at = declarationOf(lines, member);
  if (at < 0) throw new Error(`no member \`${member}\` is written in this file`);
  const declaration = lines[at] as string;
  if (!declaration.trimEnd().endsWith('{')) {
    if (body) throw new Error(`\`${member}\` has no body of lines to show`);
    return [declaration];
  }
  const indent = /^\s*/.exec(declaration)?.[0] ?? '';
  const end = lines.findIndex((line, i) => i > at && line === `${indent}}`);
  if (end < 0) throw new Error(`\`${member}\` has no closing brace at its own indent`);
  return body ? lines.slice(at + 1, end) : lines.slice(at, end + 1);
}
