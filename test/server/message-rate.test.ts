import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MessageRate } from '../../sync-server/ws/message-rate.ts';

/** PROTO-17's token bucket on a fake clock: what it holds back, lets go and closes. */
describe('a connection’s message rate', () => {
  const rule = { messagesPerSecond: 10, messagesBurst: 20, throttledMaxMs: 5_000 };
  let events: string[];
  let rate: MessageRate;
  beforeEach(() => {
    vi.useFakeTimers();
    events = [];
    rate = new MessageRate(rule, {
      pause: () => events.push('pause'),
      resume: () => events.push('resume'),
      overRate: () => events.push('close'),
    });
  });
  afterEach(() => {
    rate.dispose();
    vi.useRealTimers();
  });

  it('PROTO-17: a burst within the bucket passes untouched', () => {
    for (let i = 0; i < rule.messagesBurst; i++) rate.take();
    expect(events).toEqual([]);
  });

  it('PROTO-17: beyond the bucket reading pauses until the messages already read are paid for, then resumes', () => {
    for (let i = 0; i < rule.messagesBurst + 1; i++) rate.take();
    expect(events).toEqual(['pause']);
    // Messages of a chunk read before the pause still arrive; they are debt, not a second pause.
    for (let i = 0; i < 9; i++) rate.take();
    expect(events).toEqual(['pause']);
    vi.advanceTimersByTime(199);
    expect(events).toEqual(['pause']);
    vi.advanceTimersByTime(1_000);
    expect(events).toEqual(['pause', 'resume']);
  });

  it('PROTO-17: a client that slows down on its own is never closed', () => {
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < rule.messagesBurst + 1; i++) rate.take();
      vi.advanceTimersByTime(((rule.messagesBurst + 1) / rule.messagesPerSecond) * 1000);
    }
    expect(events).not.toContain('close');
  });

  it('PROTO-17: held back without a break for throttledMaxMs, a flooding connection is closed', () => {
    for (let i = 0; i < rule.messagesBurst + 1; i++) rate.take();
    for (let t = 0; t < rule.throttledMaxMs + 1_000; t += 100) {
      vi.advanceTimersByTime(100);
      // The flooder sends whenever it is let, never leaving the bucket to refill.
      if (events.at(-1) === 'resume') for (let i = 0; i < 3; i++) rate.take();
    }
    expect(events.at(-1)).toBe('close');
    expect(events.filter((e) => e === 'close')).toHaveLength(1);
  });
});
