/** Where a member of a class is written in a lesson's file: the judge points a learner at it ("Look at"). */

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
