/**
 * A timeline drawn in the terminal: one row per process or thread, on one shared time axis, so that
 * overlap (or a lock serialising deposits) is visible at a glance.
 */

/** `start`: the process or thread is starting; `wait`: waiting for a lock; `work`: running the task. */
export type Kind = 'start' | 'wait' | 'work';

export interface Segment {
  readonly from: number;
  readonly to: number;
  readonly kind: Kind;
  /** Drawn over the segment's first column: which task it was, when one row runs several. */
  readonly mark?: string;
}

export interface Row {
  readonly label: string;
  readonly segments: readonly Segment[];
}

export interface DrawOptions {
  /** Columns for the bars. */
  readonly width?: number;
  /** More rows than this are sampled evenly, first and last kept, and a row counts the work going on at once. */
  readonly maxRows?: number;
  /** Colours a bar; identity when colours are off. */
  readonly paint?: (kind: Kind, text: string) => string;
}

export const glyphs: Record<Kind, string> = { start: '·', wait: '░', work: '█' };

/** How many rows are in `work` at time `t`. */
function workingAt(rows: readonly Row[], t: number): number {
  return rows.filter((row) => row.segments.some((each) => each.kind === 'work' && each.from <= t && t < each.to)).length;
}

function sample(rows: readonly Row[], maxRows: number): Row[] {
  if (rows.length <= maxRows) return [...rows];
  return Array.from({ length: maxRows }, (_, i) => rows[Math.round((i * (rows.length - 1)) / (maxRows - 1))] as Row);
}

export function drawTimeline(rows: readonly Row[], options: DrawOptions = {}): string[] {
  const width = Math.max(10, options.width ?? 60);
  const maxRows = options.maxRows ?? 12;
  const paint = options.paint ?? ((_kind: Kind, text: string) => text);
  const segments = rows.flatMap((row) => row.segments);
  if (segments.length === 0) return [];
  const t0 = Math.min(...segments.map((each) => each.from));
  const t1 = Math.max(...segments.map((each) => each.to));
  const msPerColumn = Math.max(t1 - t0, 1) / width;
  const column = (t: number) => Math.min(width - 1, Math.floor((t - t0) / msPerColumn));
  const shown = sample(rows, maxRows);
  const labelWidth = Math.max(...shown.map((row) => row.label.length), 'at once'.length);
  const lines = shown.map((row) => {
    const cells: (Kind | undefined)[] = new Array(width).fill(undefined);
    const marks: (string | undefined)[] = new Array(width).fill(undefined);
    // Work is drawn last, so it wins a column it shares with starting or waiting.
    const order: Kind[] = ['start', 'wait', 'work'];
    for (const kind of order) {
      for (const each of row.segments.filter((segment) => segment.kind === kind)) {
        for (let c = column(each.from); c <= column(Math.max(each.from, each.to - 1e-6)); c++) cells[c] = kind;
        if (each.mark !== undefined) marks[column(each.from)] = each.mark;
      }
    }
    const bar = cells.map((kind, c) => (kind === undefined ? ' ' : paint(kind, marks[c] ?? glyphs[kind]))).join('');
    return `${row.label.padStart(labelWidth)} │${bar}`;
  });
  if (shown.length < rows.length) {
    lines.push(`${''.padStart(labelWidth)} │… ${rows.length - shown.length} more rows not drawn; all ${rows.length} are counted below`);
  }
  if (rows.length > 2) {
    // The most rows working at once within each column: at its start, or as any work begins inside it.
    const starts = segments.filter((each) => each.kind === 'work').map((each) => each.from);
    const counts = Array.from({ length: width }, (_, c) => {
      const from = t0 + c * msPerColumn;
      const to = from + msPerColumn;
      const moments = [from, ...starts.filter((t) => t > from && t < to)];
      return Math.max(...moments.map((t) => workingAt(rows, t)));
    });
    const digits = counts.map((count) => (count === 0 ? ' ' : count > 9 ? '+' : String(count))).join('');
    lines.push(`${'at once'.padStart(labelWidth)} │${digits}`);
  }
  const total = `${Math.round(t1 - t0)} ms`;
  lines.push(`${''.padStart(labelWidth)} └${'─'.repeat(Math.max(0, width - total.length - 1))} ${total}`);
  return lines;
}

/** What the glyphs of `drawTimeline(rows)` mean: those it draws, and nothing it does not. */
export function legendOf(rows: readonly Row[]): string {
  const segments = rows.flatMap((row) => row.segments);
  const kinds = (['start', 'wait', 'work'] as const).filter((kind) => segments.some((each) => each.kind === kind));
  const words: Record<Kind, string> = { start: 'starting', wait: 'waiting', work: 'working' };
  return [
    kinds.map((kind) => `${glyphs[kind]} ${words[kind]}`).join('  '),
    ...(segments.some((each) => each.mark !== undefined) ? ['a digit on a bar: the item that row began there'] : []),
    ...(rows.length > 2 ? ['at once: how many rows work at once in that column (+ for 10 or more)'] : []),
  ].join('; ');
}

/** The most rows in `work` at any one moment. */
export function mostAtOnce(rows: readonly Row[]): number {
  const starts = rows.flatMap((row) => row.segments.filter((each) => each.kind === 'work').map((each) => each.from));
  return Math.max(0, ...starts.map((t) => workingAt(rows, t)));
}
