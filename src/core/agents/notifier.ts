// Tells the user an agent waits, through the outer terminal: bell, desktop notification (OSC 9 and
// OSC 777, which terminals that know neither ignore) and the window title.

export interface NotifySettings {
  readonly bell: boolean;
  readonly desktop: boolean;
  readonly title: boolean;
}

/** Strip what could end or break an OSC string (control characters) and keep it short. */
function clean(text: string): string {
  return text.replace(/[\x00-\x1f\x7f-\x9f]/g, ' ').slice(0, 200);
}

export function notificationSequence(settings: NotifySettings, title: string, body: string): string {
  let out = '';
  if (settings.bell) out += '\x07';
  if (settings.desktop) {
    out += `\x1b]9;${clean(`${title}: ${body}`)}\x07`;
    out += `\x1b]777;notify;${clean(title)};${clean(body)}\x07`;
  }
  return out;
}

export function titleSequence(waiting: number): string {
  return `\x1b]2;${waiting > 0 ? `squadtui · ${waiting} waiting` : 'squadtui'}\x07`;
}

export class Notifier {
  private lastTitle = -1;
  private lastBell = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly settings: () => NotifySettings,
    private readonly write: (data: string) => void,
  ) {}

  notify(title: string, body: string): void {
    const seq = notificationSequence(this.settings(), title, body);
    if (seq) this.write(seq);
  }

  /** Passes an agent's bell on (at most one a second: a program may ring in a loop). */
  bell(now = Date.now()): void {
    if (!this.settings().bell || now - this.lastBell < 1000) return;
    this.lastBell = now;
    this.write('\x07');
  }

  waiting(count: number): void {
    if (!this.settings().title || count === this.lastTitle) return;
    this.lastTitle = count;
    this.write(titleSequence(count));
  }
}
