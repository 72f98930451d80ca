import { describe, expect, it } from 'vitest';
import { FrameReader, LineReader, dataFrame, messageFrame } from '../../src/host/protocol.js';
import { prng } from '../helpers/random.js';

describe('window ↔ host frames', () => {
  it('reads back every frame, however the stream is cut', () => {
    const sent = [dataFrame('ab\x1b[31mc'), messageFrame({ t: 'resize', cols: 80, rows: 24 }), dataFrame(Buffer.from([0, 255, 10])), dataFrame('é✓')];
    const bytes = Buffer.concat(sent);
    for (let seed = 0; seed < 200; seed++) {
      const random = prng(seed);
      const reader = new FrameReader();
      const got = [];
      for (let at = 0; at < bytes.length; ) {
        const next = Math.min(bytes.length, at + 1 + Math.floor(random() * 9));
        got.push(...reader.push(bytes.subarray(at, next)));
        at = next;
      }
      expect(got).toEqual([
        { kind: 'data', data: Buffer.from('ab\x1b[31mc') },
        { kind: 'message', message: { t: 'resize', cols: 80, rows: 24 } },
        { kind: 'data', data: Buffer.from([0, 255, 10]) },
        { kind: 'data', data: Buffer.from('é✓') },
      ]);
    }
  });

  it('refuses bytes that are not frames (another program on the socket)', () => {
    expect(() => new FrameReader().push(Buffer.from('GET / HTTP/1.1\r\n'))).toThrow('not a squadtui frame');
  });

  it('reads the opening line and hands on what followed it', () => {
    const lines = new LineReader();
    expect(lines.push(Buffer.from('{"ok":tr'))).toBeUndefined();
    const got = lines.push(Buffer.concat([Buffer.from('ue,"v":"é"}\n'), dataFrame('x')]));
    expect(got?.line).toBe('{"ok":true,"v":"é"}');
    expect(new FrameReader().push(got!.rest)).toEqual([{ kind: 'data', data: Buffer.from('x') }]);
  });
});
