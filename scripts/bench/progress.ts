/**
 * What the bench is measuring now. Every section says its name when it starts, on stderr; on a terminal, one
 * more line, rewritten in place, names the row and the run under way, as a section can take a minute. In a
 * log (CI, a pipe) there is no such line: it would be a run's worth of carriage returns.
 */
import process from 'node:process';
import { styleText } from 'node:util';

const live = process.stderr.isTTY === true;
let row = '';

/** Clears the line under way, if any: what is printed next starts on a clean line. */
export function clear(): void {
  if (live) process.stderr.write('\r\x1b[K');
}

function show(text: string): void {
  if (!live) return;
  // Cut to the terminal's width (0 when the terminal does not say): a line that wrapped could not be rewritten in place.
  const width = (process.stderr.columns || 80) - 1;
  process.stderr.write(`\r\x1b[K${styleText('dim', text.length > width ? `${text.slice(0, width - 1)}…` : text)}`);
}

/** A section begins. */
export function section(name: string): void {
  clear();
  console.error(styleText('dim', `measuring: ${name}…`));
}

/** The row now being measured. */
export function measuring(label: string): void {
  row = label;
  show(`  ${row}…`);
}

/** Run `n` of `of` of the row being measured begins. */
export function run(n: number, of: number): void {
  // The run first, so that a cut line still says it.
  show(`  run ${n} of ${of}: ${row}`);
}
