import { EventEmitter } from 'node:events';
import { UpstreamTimeoutError } from '@unicart/core';
import type { FastifyReply } from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClientClosedRequestError, GatewayShutdownError } from '../errors';
import { startUpstreamWork } from './upstream-work';

const deadlineMs = 1_000;

/** The part of a reply the upstream work listens to: its socket's `close`. */
function fakeReply() {
  const raw = Object.assign(new EventEmitter(), { writableFinished: false });
  return { reply: { raw } as unknown as FastifyReply, raw };
}

function start(options: { export?: boolean } = {}) {
  const closing = new AbortController();
  const { reply, raw } = fakeReply();
  const work = startUpstreamWork(reply, 'acme', {
    deadlineMs,
    closing: closing.signal,
    stopped: new AbortController().signal,
    ...options,
  });
  return { work, raw, closing };
}

describe('startUpstreamWork', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ends the work with a timeout naming the platform when the deadline passes', () => {
    const { work } = start();
    vi.advanceTimersByTime(deadlineMs - 1);
    expect(work.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(UpstreamTimeoutError.isInstance(work.signal.reason)).toBe(true);
    expect((work.signal.reason as UpstreamTimeoutError).platform).toBe('acme');
  });

  it('does not count the time an export spends paused, waiting for its client', () => {
    const { work } = start({ export: true });
    work.pause();
    vi.advanceTimersByTime(10 * deadlineMs);
    expect(work.signal.aborted).toBe(false);
    work.resume();
    vi.advanceTimersByTime(deadlineMs - 1);
    expect(work.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(UpstreamTimeoutError.isInstance(work.signal.reason)).toBe(true);
  });

  it('gives every resumed wait a full deadline, however many pauses came before', () => {
    const { work } = start({ export: true });
    for (let customer = 0; customer < 50; customer += 1) {
      vi.advanceTimersByTime(0.9 * deadlineMs);
      work.pause();
      work.resume();
    }
    expect(work.signal.aborted).toBe(false);
    vi.advanceTimersByTime(deadlineMs - 1);
    expect(work.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(UpstreamTimeoutError.isInstance(work.signal.reason)).toBe(true);
  });

  it('ends with ClientClosedRequestError when the client goes away before the answer is sent', () => {
    const { work, raw } = start();
    raw.emit('close');
    expect(work.signal.reason).toBeInstanceOf(ClientClosedRequestError);
  });

  it('stops its clock once the answer is sent', () => {
    const { work, raw } = start();
    raw.writableFinished = true;
    raw.emit('close');
    vi.advanceTimersByTime(10 * deadlineMs);
    expect(work.signal.aborted).toBe(false);
  });

  it('ends an export at once when the gateway begins to close', () => {
    const { work, closing } = start({ export: true });
    closing.abort();
    expect(GatewayShutdownError.isInstance(work.signal.reason)).toBe(true);
  });
});
