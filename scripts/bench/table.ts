/** The bench's table: sections of rows, each left vs right with their ratio and, where the project has one, a target. */
import { styleText } from 'node:util';
import { section } from './progress.ts';

export interface Row {
  readonly label: string;
  readonly a: string;
  readonly b: string;
  /** How many times: a over b, or b over a, whichever the row's label asks. */
  readonly ratio: string;
  readonly target?: { readonly text: string; readonly met: boolean };
}

/** A section of the bench: it measures, adds its rows to `table`, and returns what the reading after the table needs. */
export type Section<Facts> = (table: Table, runs: number) => Promise<Facts>;

export class Table {
  readonly #sections: { readonly name: string; readonly rows: Row[]; leftOut?: string }[] = [];

  /** Opens a section and returns how to add its rows; says so on stderr, as a section takes a while to measure. */
  section(name: string): (row: Row) => void {
    const rows: Row[] = [];
    this.#sections.push({ name, rows });
    section(name);
    return (row) => rows.push(row);
  }

  /** Rows the section under way does not measure, and why: named once, under it, and never counted as a missed target. */
  leaveOut(labels: readonly string[], why: string): void {
    const last = this.#sections.at(-1);
    if (last !== undefined && labels.length > 0) last.leftOut = `left out, ${why}: ${labels.join('; ')}`;
  }

  /** The rows, labels padded to the longest so that every figure lines up. */
  print(): void {
    const labelWidth = Math.max(...this.#sections.flatMap((each) => each.rows.map((row) => row.label.length)));
    for (const group of this.#sections) {
      console.log(`\n${styleText('bold', group.name)}`);
      for (const row of group.rows) {
        const target =
          row.target === undefined ? '' : `  target ${row.target.text}: ${row.target.met ? styleText('green', 'met') : styleText('red', 'MISSED')}`;
        console.log(`  ${row.label.padEnd(labelWidth)}  ${row.a.padStart(10)} vs ${row.b.padEnd(10)}  ${row.ratio.padStart(6)}${target}`);
      }
      if (group.leftOut !== undefined) console.log(`  ${styleText('dim', group.leftOut)}`);
    }
  }

  /** The labels of the rows whose target was missed. */
  missed(): string[] {
    return this.#sections.flatMap((group) => group.rows.filter((row) => row.target?.met === false).map((row) => row.label));
  }
}
