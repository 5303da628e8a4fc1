/**
 * The document's own transcripts, judged by the same assertions as the properties. Where a transcript
 * breaks a claim the document makes, that is an erratum of the document, and a test says so.
 */
import { describe, expect, it } from 'vitest';
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

  it('erratum.total-shorter-than-slowest: the download transcript\'s total, 8.47 s, is shorter than its slowest download, 9.24 s', () => {
    const { durations, total } = downloadTranscript();
    expect(durations).toEqual([8.24, 9.24]);
    expect(() => expectJoinWaited(total, durations)).toThrow('the total, from start to join: expected 8.47 to be greater than or equal to 9.24');
  });
});
