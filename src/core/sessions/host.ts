// The SessionHost port: what the UI asks of whoever runs the agents, and the plain values that
// cross it. Nothing waits for an answer (a spawn's outcome and the screens come as events) and
// what the UI draws is what it was sent: a host in a background process can implement it over a
// socket. LocalSessionHost (local-host.ts) is the in-process implementation.
import type { ScreenModes, ScreenSnapshot } from '../terminal/index.js';

export interface AgentSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Typed into the agent once it is ready for input (see Monitor). */
  readonly firstPrompt?: string;
  /** Read its screen with this detector instead of the one its program name picks. */
  readonly detector?: string;
  /** What the sidebar calls its program (default: the command's file name). */
  readonly label?: string;
}

/** How to start an agent beyond what the user asked for: squadtui's own arguments and environment. */
export interface Launch {
  /** A session id chosen beforehand (hooks are registered under it before the program starts). */
  readonly id?: string;
  /** Replaces spec.args for the program (the user's arguments plus squadtui's). */
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

export type SessionStatus = 'starting' | 'running' | 'exited' | 'failed';

export interface SessionInfo {
  readonly id: string;
  readonly spec: AgentSpec;
  readonly status: SessionStatus;
  readonly pid?: number;
  readonly exitCode?: number;
  readonly signal?: number;
  readonly error?: { readonly message: string; readonly hint: string };
  readonly startedAt: number;
  readonly endedAt?: number;
}

export type SessionEvent =
  | { readonly type: 'info'; readonly info: SessionInfo }
  | { readonly type: 'removed'; readonly id: string }
  /** Output arrived (at most once per quiet period, and on the first output after being seen). */
  | { readonly type: 'output'; readonly id: string; readonly at: number }
  /** The screen changed; debounced, for detectors that read the screen. */
  | { readonly type: 'screen'; readonly id: string }
  | { readonly type: 'bell'; readonly id: string }
  | { readonly type: 'title'; readonly id: string; readonly title: string };

/** The agent's screen as the UI draws it, sent as it changes while the agent is watched. */
export interface Frame {
  readonly id: string;
  readonly snapshot: ScreenSnapshot;
}

export interface SessionHost {
  /** The sessions as the last 'info' events described them. */
  list(): SessionInfo[];
  /** An id for an agent about to be spawned, so things can be registered under it first. */
  newId(): string;
  /** The session as its last 'info' event described it (not for rendering: the store has it). */
  get(id: string): SessionInfo | undefined;
  /**
   * Starts an agent. Returns at once with its `starting` info; its `running` info (with the pid),
   * or `failed` with a message and a hint, follows as an 'info' event.
   */
  spawn(spec: AgentSpec, launch?: Launch): SessionInfo;
  /** Starts an exited agent again, as spawn does; `launch` replaces how it starts (e.g. Claude with --continue). */
  restart(id: string, launch?: Launch): SessionInfo;
  /** Ends the agent's whole process tree (a starting agent as soon as its program runs). */
  kill(id: string): void;
  /** Forgets an agent (killing it first if it runs). */
  remove(id: string): void;
  /** Input for the agent; while it is starting, input waits and goes in first, in order, once it runs. */
  write(id: string, data: string): void;
  /**
   * Types text the way a user would: bracketed paste if the program asked for it, then Enter on its
   * own once the program shows the text (Codex and Gemini CLI take an Enter that comes with it as a newline).
   */
  typeLine(id: string, text: string): void;
  resize(cols: number, rows: number): void;
  scroll(id: string, how: ScrollRequest): void;
  /** The terminal modes the program set, for encoding keys (not for rendering). */
  modes(id: string): ScreenModes | undefined;
  /**
   * The screen as plain text lines (live bottom, not the scrolled view), for detectors, not for
   * rendering. `parsedSoFar`: without first parsing output read meanwhile (a flood's rest is parsed
   * a slice at a time, each followed by a screen event), for reads that must not block the loop.
   * `lines`: that many lines from the bottom where the screen has fewer, the rest from scrollback.
   */
  screenText(id: string, parsedSoFar?: boolean, lines?: number): string[];
  /** Whether the row `up` rows above the screen's last shows an inverse-video cell (a text field's drawn cursor, see Screen). */
  inverseOnRow(id: string, up: number): boolean;
  /**
   * Tells a hidden agent's program it has the focus, or has lost it again (false for the selected
   * agent, or a program that takes no focus reports): one told it lost it draws no text cursor.
   */
  lendFocus(id: string, focused: boolean): boolean;
  /** Frames flow only for the watched session (a newly watched one gets one at once); the others update cheap metadata. */
  watch(id: string | undefined): void;
  /** The watched agent's frames: what the UI draws (see FrameCache). */
  onFrame(listener: (frame: Frame) => void): () => void;
  onEvent(listener: (event: SessionEvent) => void): () => void;
  /** Ends every agent: SIGHUP/SIGTERM, then SIGKILL after `graceMs`. */
  shutdown(graceMs?: number): Promise<void>;
  /** Synchronous last resort for exit paths. */
  shutdownSync(graceMs?: number): void;
}

export type ScrollRequest = { lines: number } | { pages: number } | 'top' | 'bottom';
