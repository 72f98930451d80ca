// How the host reaches its attached window: through the window's socket (frames both ways), or,
// where launcher.sh handed its terminal over, straight to that terminal (tty-link.ts).
import type net from 'node:net';
import { type Frame, type HostMessage, dataFrame, messageFrame, readFrames } from './protocol.js';

export type ByeMessage = Extract<HostMessage, { t: 'bye' }>;

export interface WindowLink {
  /** Screen bytes. */
  write(data: Buffer): void;
  send(message: HostMessage): void;
  /**
   * Ends the link: the window is told why (`bye`) and puts its terminal back; settles once it has
   * been told. Without `bye` the link is cut (a broken or too slow window).
   */
  close(bye?: ByeMessage): Promise<void>;
  /** Bytes written that the window has not taken yet. */
  readonly backlog: number;
  /** Keys and messages from the window, from now on; `gone` once, when the window went. */
  listen(each: (frame: Frame) => void, gone: () => void): void;
}

/** The window's socket: `rest` is what came behind its opening line. */
export function socketLink(socket: net.Socket, rest: Buffer): WindowLink {
  return {
    write: (data) => void socket.write(dataFrame(data)),
    send: (message) => void socket.write(messageFrame(message)),
    close(bye) {
      if (bye) socket.end(messageFrame(bye));
      else if (!socket.writableEnded) socket.destroy();
      return Promise.resolve();
    },
    get backlog() {
      return socket.writableLength;
    },
    listen(each, gone) {
      socket.on('close', gone);
      readFrames(socket, rest, each, gone);
    },
  };
}
