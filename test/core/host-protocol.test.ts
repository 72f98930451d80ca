import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { open } from '../../src/host/attach.js';
import { FrameReader, LineReader, PROTOCOL, dataFrame, messageFrame } from '../../src/host/protocol.js';
import { HostServer } from '../../src/host/server.js';
import { prng } from '../helpers/random.js';
import { waitFor } from '../helpers/wait-for.js';

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

describe('the host server', () => {
  it('sends what is written in one turn as one frame, before any message that follows it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'squadtui-server-'));
    const server = await HostServer.listen(path.join(dir, 'sock'), { version: 'test', status: () => { throw new Error('no status'); }, onStop: () => {}, log: () => {} });
    const socket = net.connect(path.join(dir, 'sock'));
    try {
      const attached = new Promise((resolve) => server.events.on((e) => e.type === 'attach' && resolve(e)));
      const { welcome, rest } = await open(socket, { squadtui: PROTOCOL, version: 'test', want: 'attach', cols: 80, rows: 24, window: 'test' });
      expect(welcome.ok).toBe(true);
      await attached;
      const reader = new FrameReader();
      const frames = reader.push(rest);
      socket.on('data', (chunk: Buffer) => frames.push(...reader.push(chunk)));
      // Ink writes a frame in pieces: sync start, the frame, sync end.
      server.write('\x1b[?2026h');
      server.write(Buffer.from('frame'));
      server.write('\x1b[?2026l');
      await new Promise((r) => setImmediate(r));
      server.write('after');
      server.send({ t: 'edit', command: 'vi', args: ['x'] });
      await waitFor(() => frames.length === 3);
      expect(frames[0]).toEqual({ kind: 'data', data: Buffer.from('\x1b[?2026hframe\x1b[?2026l') });
      expect(frames[1]).toEqual({ kind: 'data', data: Buffer.from('after') });
      expect(frames[2]).toEqual({ kind: 'message', message: { t: 'edit', command: 'vi', args: ['x'] } });
    } finally {
      socket.destroy();
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
