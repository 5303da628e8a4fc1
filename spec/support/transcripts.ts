/** Reads the document's transcripts (fixtures/transcripts/), which are data: what its programs printed. */
import { readFileSync } from 'node:fs';

function read(name: string): string[] {
  const text = readFileSync(new URL(`../../fixtures/transcripts/${name}`, import.meta.url), 'utf8');
  return text.split('\n').filter((line) => line !== '');
}

/** The two-process download run: the pids printed, each download's time, and the total, in seconds. */
export function downloadTranscript() {
  const lines = read('download-processes.txt');
  const pids = lines.flatMap((line) => /process id = \[(\d+)\]/.exec(line)?.[1] ?? []).map(Number);
  const durations = lines.flatMap((line) => /download done! spend ([\d.]+) sec/.exec(line)?.[1] ?? []).map(Number);
  const total = Number(/total spend ([\d.]+) sec/.exec(lines.at(-1) ?? '')?.[1]);
  return { lines, pids, durations, total };
}

/** The Ping/Pong run in two processes: its 20 lines. */
export function pingPongTranscript(): string[] {
  return read('ping-pong-processes.txt');
}
