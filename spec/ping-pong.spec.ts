/** The document's Ping/Pong: a global counter is not shared by processes, so each prints its own 10 lines. */
import { describe, expect, it } from 'vitest';
import { pingPong, processNoSharedCounter } from '../claims/properties/process.ts';
import { Process } from '../src/process.ts';
import { counter } from '../src/tasks/ping-pong.ts';
import { specify } from './support/specify.ts';

describe('using Pool: processes and a global counter', () => {
  specify(processNoSharedCounter, Process);

  it("process.no-shared-counter: the document's own run, Ping and Pong, prints 20 lines: 10 of each", async () => {
    const before = counter;
    const lines = await pingPong(Process, ['Ping', 'Pong'], 10);
    expect(lines.filter((line) => line === 'Ping')).toHaveLength(10);
    expect(lines.filter((line) => line === 'Pong')).toHaveLength(10);
    expect(counter, "the parent's counter").toBe(before);
  });
});
