import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FramePacer } from '../../src/core/sessions/frame-pacer.js';
import { cut } from '../../src/core/sessions/output-pipeline.js';

describe('FramePacer', () => {
  let t = 0;
  let frames: number[] = [];
  /** What drawing a frame costs on the injected clock. */
  let drawMs = 0;
  const pacer = (interval?: number) => new FramePacer(() => {
    frames.push(t);
    t += drawMs;
  }, () => t, interval);

  beforeEach(() => {
    vi.useFakeTimers();
    t = 1000;
    frames = [];
    drawMs = 0;
  });
  afterEach(() => vi.useRealTimers());

  /** Moves the injected clock and the fake timers together. */
  const advance = (ms: number) => {
    t += ms;
    vi.advanceTimersByTime(ms);
  };

  it('draws the first frame at once, and spaces a stream by the interval', () => {
    const p = pacer(33);
    p.schedule(false, false);
    expect(frames).toEqual([1000]);
    advance(10);
    p.schedule(false, false);
    p.schedule(false, false);
    expect(frames).toEqual([1000]);
    advance(23);
    expect(frames).toEqual([1000, 1033]);
  });

  it('never holds back the frame after a keystroke', () => {
    const p = pacer(33);
    p.schedule(false, false);
    advance(1);
    p.schedule(false, true);
    expect(frames).toEqual([1000, 1001]);
  });

  it('waits for a synchronised update to end, but no longer than 150 ms', () => {
    const p = pacer(33);
    p.schedule(true, true);
    advance(100);
    p.schedule(true, false);
    expect(frames).toEqual([]);
    advance(50);
    expect(frames).toEqual([1150]);
  });

  it('draws when a synchronised update ends', () => {
    const p = pacer(0);
    p.schedule(true, false);
    advance(20);
    p.schedule(false, false);
    expect(frames).toEqual([1020]);
    advance(200);
    expect(frames).toEqual([1020]);
  });

  it('spaces frames to twelve times what drawing one costs, at most 100 ms apart', async () => {
    drawMs = 5;
    const p = pacer(33);
    p.schedule(false, false);
    await Promise.resolve();
    advance(40);
    p.schedule(false, false);
    expect(frames).toEqual([1000]);
    advance(15);
    expect(frames).toEqual([1000, 1060]);
    await Promise.resolve();
    // A 50 ms frame would space them 600 ms apart: 100 at most.
    drawMs = 50;
    advance(60);
    p.schedule(false, true);
    await Promise.resolve();
    advance(40);
    p.schedule(false, false);
    expect(frames).toEqual([1000, 1060, 1125]);
    advance(10);
    expect(frames).toEqual([1000, 1060, 1125, 1225]);
  });

  it('drops a pending frame when stopped', () => {
    const p = pacer(33);
    p.schedule(false, false);
    advance(1);
    p.schedule(false, false);
    p.stop();
    advance(100);
    expect(frames).toEqual([1000]);
  });
});

describe('cut', () => {
  it('splits the output after the given bytes, a piece that straddles them too', () => {
    expect(cut(['abc', 'defg', 'h'], 5)).toEqual([['abc', 'de'], ['fg', 'h']]);
  });

  it('keeps pieces whole when the limit falls between them', () => {
    expect(cut(['abc', 'de', 'f'], 5)).toEqual([['abc', 'de'], ['f']]);
  });

  it('returns everything when it is under the limit', () => {
    const chunks = [new Uint8Array([1, 2]), 'x'];
    expect(cut(chunks, 5)).toEqual([chunks, []]);
  });
});
