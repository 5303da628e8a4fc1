/**
 * The document's own transcripts, judged by the same assertions as the properties. Where a transcript
 * breaks a claim the document makes, that is an erratum of the document, and a test says so.
 */
import { describe, expect, it } from 'vitest';
import { Process } from '../src/process.ts';
import { downloadTask } from '../src/tasks/download.ts';
import { expectJoinWaited, expectOwnCounts, expectOwnPids } from './properties/process.ts';
import { downloadTranscript, pingPongTranscript } from './support/transcripts.ts';

describe("The document's transcripts", () => {
  it("process.no-shared-counter: the document's Ping/Pong transcript has 10 Ping and 10 Pong, as the property requires", () => {
    expectOwnCounts(pingPongTranscript(), ['Ping', 'Pong'], 10);
  });

  it("process.own-pid: the document's download transcript shows two processes, each with a pid of its own", () => {
    const { pids } = downloadTranscript();
    expect(pids).toEqual([17152, 14368]);
    expectOwnPids(pids);
  });

  it("process.own-pid: our download program prints the lines of the document's transcript, line for line in shape", async () => {
    const printed = ['', ''];
    const processes = ['file1', 'file2'].map((file, i) => new Process(downloadTask, [file], { onStdout: (chunk) => (printed[i] += chunk) }));
    for (const child of processes) child.start();
    for (const child of processes) await child.join();
    const shapes = [/^start process，process id = \[(\d+)\]\.$/, /^download (file\d) start\.\.\.$/, /^(file\d) download done! spend (\d+\.\d\d) sec$/];
    const transcript = downloadTranscript().lines;
    processes.forEach((child, i) => {
      const lines = printed[i]?.trim().split('\n') ?? [];
      expect(lines).toHaveLength(3);
      lines.forEach((line, j) => expect(line).toMatch(shapes[j] as RegExp));
      expect(Number(shapes[0]?.exec(lines[0] as string)?.[1])).toBe(child.pid);
      // The document's own lines have the same shapes: ours print what it printed.
      expect(transcript.filter((line) => (shapes[j(line)] as RegExp).test(line))).toHaveLength(6);
      // Durations are the document's uniform(1, 10) seconds, scaled to 100 ms a second.
      const seconds = Number(shapes[2]?.exec(lines[2] as string)?.[2]);
      expect(seconds).toBeGreaterThanOrEqual(0.1);
      expect(seconds).toBeLessThanOrEqual(1);
    });
    function j(line: string): number {
      return line.startsWith('start') ? 0 : line.includes('done') ? 2 : 1;
    }
  });

  it('erratum.total-shorter-than-slowest: the download transcript\'s total, 8.47 s, is shorter than its slowest download, 9.24 s', () => {
    const { durations, total } = downloadTranscript();
    expect(durations).toEqual([8.24, 9.24]);
    expect(() => expectJoinWaited(total, durations)).toThrow('the total, from start to join: expected 8.47 to be greater than or equal to 9.24');
  });
});
