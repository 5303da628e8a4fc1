/**
 * The document's own transcripts, judged by the same assertions as the properties. Where a transcript
 * breaks a claim the document makes, that is an erratum of the document, and a test says so.
 */
import { describe, expect, it } from 'vitest';
import { expectJoinWaited, expectOwnCounts, expectOwnPids } from '../claims/properties/process.ts';
import { Process } from '../src/process.ts';
import { downloadTask } from '../src/tasks/download.ts';
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

  it("process.own-pid: our download program prints the document's transcript, line for line in shape", async () => {
    // The three lines each download prints in the document: `start process，process id = [17152].`,
    // `download file1 start...`, `file1 download done! spend 8.24 sec`.
    const shapes = [/^start process，process id = \[(\d+)\]\.$/, /^download file\d start\.\.\.$/, /^file\d download done! spend (\d+\.\d\d) sec$/];
    const transcript = downloadTranscript().lines.slice(0, -1);
    expect(transcript.filter((line) => shapes.some((shape) => shape.test(line)))).toEqual(transcript);

    const printed = ['', ''];
    const processes = ['file1', 'file2'].map((file, i) => new Process(downloadTask, [file], { onStdout: (chunk) => (printed[i] += chunk) }));
    for (const child of processes) child.start();
    for (const child of processes) await child.join();
    for (const [i, child] of processes.entries()) {
      const [start, begin, done] = (printed[i] as string).trim().split('\n') as [string, string, string];
      expect(start).toMatch(shapes[0] as RegExp);
      expect(begin).toMatch(shapes[1] as RegExp);
      expect(done).toMatch(shapes[2] as RegExp);
      expect(Number(shapes[0]?.exec(start)?.[1])).toBe(child.pid);
      // The document's uniform(1, 10) seconds, at 100 ms a second.
      const seconds = Number(shapes[2]?.exec(done)?.[1]);
      expect(seconds).toBeGreaterThanOrEqual(0.1);
      expect(seconds).toBeLessThanOrEqual(1);
    }
  });

  it("erratum.total-shorter-than-slowest: the download transcript's total, 8.47 s, is shorter than its slowest download, 9.24 s", () => {
    const { durations, total } = downloadTranscript();
    expect(durations).toEqual([8.24, 9.24]);
    expect(() => expectJoinWaited(total, durations)).toThrow('the total, from start to join: expected 8.47 to be greater than or equal to 9.24');
  });
});
