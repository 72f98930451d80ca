// A SessionHost without ptys, for tests of the composed app: agents run on the next turn (spawn
// answers "starting" at once, as the real host does), their screens
// are set by the test, and what squadtui writes to them is recorded. It implements the interface
// itself (no cast), so a method added to SessionHost fails to compile here first.
import { Emitter } from '../../src/core/util/emitter.js';
import { Screen, type ScreenModes, type ScreenSnapshot } from '../../src/core/terminal/screen.js';
import type { AgentSpec, Frame, Launch, ScrollRequest, SessionEvent, SessionHost, SessionInfo } from '../../src/core/sessions/host.js';

interface FakeSession {
  info: SessionInfo;
  /** What the agent's screen shows, as the monitor reads it. */
  text: string[];
  snapshot?: ScreenSnapshot;
  /** Which rows show an inverse-video cell (a text field's cursor): given lines may carry SGR. */
  inverse?: boolean[];
  launch?: Launch;
}

export class FakeSessionHost implements SessionHost {
  /** Everything written to each agent, in order (write and typeLine; a typed line ends in \r). */
  readonly written = new Map<string, string[]>();
  /** The agent's reply to what was written: the screen it shows next, or undefined to keep its screen. */
  react?: (id: string, data: string) => string[] | undefined;
  size: { cols: number; rows: number };
  private readonly sessions = new Map<string, FakeSession>();
  private readonly events = new Emitter<SessionEvent>();
  private readonly frames = new Emitter<Frame>();
  private nextId = 1;
  private nextPid = 1000;

  constructor(size = { cols: 80, rows: 24 }, private readonly now: () => number = Date.now) {
    this.size = { ...size };
  }

  list(): SessionInfo[] {
    return [...this.sessions.values()].map((s) => s.info);
  }

  newId(): string {
    return `agent-${this.nextId++}`;
  }

  get(id: string): SessionInfo | undefined {
    return this.sessions.get(id)?.info;
  }

  spawn(spec: AgentSpec, launch?: Launch): SessionInfo {
    const id = launch?.id ?? this.newId();
    if (this.sessions.has(id)) throw new Error(`session ${id} exists`);
    const info: SessionInfo = { id, spec, status: 'starting', startedAt: this.now() };
    this.sessions.set(id, { info, text: [], launch });
    this.run(id);
    return info;
  }

  restart(id: string, launch?: Launch): SessionInfo {
    const session = this.session(id);
    session.info = { id, spec: session.info.spec, status: 'starting', startedAt: this.now() };
    session.launch = launch ?? session.launch;
    this.run(id);
    return session.info;
  }

  /** The program runs on the next turn: "running", with its pid, comes as an event. */
  private run(id: string): void {
    queueMicrotask(() => {
      const session = this.sessions.get(id);
      if (!session || session.info.status !== 'starting') return;
      session.info = { ...session.info, status: 'running', pid: this.nextPid++ };
      this.events.emit({ type: 'info', info: session.info });
    });
  }

  kill(id: string): void {
    this.exit(id, 0);
  }

  remove(id: string): void {
    if (!this.sessions.delete(id)) return;
    this.events.emit({ type: 'removed', id });
  }

  write(id: string, data: string): void {
    this.record(id, data);
  }

  typeLine(id: string, text: string): void {
    this.record(id, `${text}\r`);
  }

  resize(cols: number, rows: number): void {
    this.size = { cols, rows };
  }

  scroll(_id: string, _how: ScrollRequest): void {
    // Fake screens have no scrollback.
  }

  modes(id: string): ScreenModes | undefined {
    return this.sessions.has(id) ? { applicationCursorKeys: false, bracketedPaste: false, sendFocus: false, synchronizedOutput: false, mouseTracking: false } : undefined;
  }

  screenText(id: string): string[] {
    return this.sessions.get(id)?.text ?? [];
  }

  lendFocus(): boolean {
    return false;
  }

  inverseOnRow(id: string, up: number): boolean {
    const s = this.sessions.get(id);
    return s?.inverse?.[s.text.length - 1 - up] ?? false;
  }

  snapshot(id: string): ScreenSnapshot | undefined {
    return this.sessions.get(id)?.snapshot;
  }

  watch(_id: string | undefined): void {
    // Every fake agent has its frame ready.
  }

  onFrame(listener: (frame: Frame) => void): () => void {
    return this.frames.on(listener);
  }

  onEvent(listener: (event: SessionEvent) => void): () => void {
    return this.events.on(listener);
  }

  async shutdown(): Promise<void> {
    this.shutdownSync();
  }

  shutdownSync(): void {
    for (const s of this.sessions.values()) if (s.info.status === 'running') this.exit(s.info.id, 0);
  }

  // What tests do as the agent.

  /** Shows `lines` on the agent's screen: the monitor reads them, the panel draws them. */
  async show(id: string, lines: readonly string[]): Promise<void> {
    const session = this.session(id);
    const screen = new Screen({ cols: this.size.cols, rows: this.size.rows, scrollback: 0 });
    await screen.write(lines.join('\r\n'));
    session.text = lines.some((l) => l.includes('\x1b')) ? screen.liveText() : [...lines];
    session.inverse = session.text.map((_, y) => screen.inverseOnRow(this.size.rows - 1 - y));
    session.snapshot = screen.snapshot();
    screen.dispose();
    this.frames.emit({ id, snapshot: session.snapshot });
    this.events.emit({ type: 'output', id, at: this.now() });
    this.events.emit({ type: 'screen', id });
  }

  /** The agent's program ends with `code`. */
  exit(id: string, code: number): void {
    const session = this.session(id);
    if (session.info.status !== 'running') return;
    session.info = { ...session.info, status: 'exited', exitCode: code, endedAt: this.now() };
    this.events.emit({ type: 'info', info: session.info });
  }

  /** How the agent was last started (its arguments and environment, e.g. Claude's token). */
  launchOf(id: string): Launch | undefined {
    return this.sessions.get(id)?.launch;
  }

  writtenTo(id: string): string {
    return (this.written.get(id) ?? []).join('');
  }

  private record(id: string, data: string): void {
    const list = this.written.get(id) ?? [];
    list.push(data);
    this.written.set(id, list);
    const next = this.react?.(id, data);
    if (next) setImmediate(() => void this.show(id, next));
  }

  private session(id: string): FakeSession {
    const session = this.sessions.get(id);
    if (!session) throw new Error(`no session ${id}`);
    return session;
  }
}
