/** The document's Ping/Pong: a global counter is not shared by processes, so each prints its own 10 lines. */
import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { Process } from '../src/process.ts';
import { counter, subTaskRef } from '../src/tasks/ping-pong.ts';
import { title } from './claims.ts';

describe('using Pool: processes and a global counter', () => {
  it.prop([fc.uniqueArray(fc.constantFrom('Ping', 'Pong', 'Pang', 'Pung'), { minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 12 })], {
    numRuns: 10,
  })(title('process.no-shared-counter'), async (words, limit) => {
    let printed = '';
    const processes = words.map((word) => new Process(subTaskRef, [word, limit, 1], { onStdout: (chunk) => (printed += chunk) }));
    for (const child of processes) child.start();
    await Promise.all(processes.map((child) => child.join()));

    const lines = printed.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(words.length * limit);
    for (const word of words) expect(lines.filter((line) => line === word)).toHaveLength(limit);
    expect(counter).toBe(0);
  });

  it('process.no-shared-counter: the document\'s own run, Ping and Pong, prints 20 lines: 10 of each', async () => {
    let printed = '';
    const processes = ['Ping', 'Pong'].map((word) => new Process(subTaskRef, [word], { onStdout: (chunk) => (printed += chunk) }));
    for (const child of processes) child.start();
    await Promise.all(processes.map((child) => child.join()));
    const lines = printed.split('\n').filter((line) => line !== '');
    expect(lines.filter((line) => line === 'Ping')).toHaveLength(10);
    expect(lines.filter((line) => line === 'Pong')).toHaveLength(10);
    expect(counter).toBe(0);
  });
});
