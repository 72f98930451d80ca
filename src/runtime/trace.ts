// Start-up phases with their time since process start, logged when SQUADTUI_TRACE is set.
export const tracing = Boolean(process.env.SQUADTUI_TRACE);
const traces: string[] = [];

export function trace(name: string): void {
  if (tracing) traces.push(`${name}=${performance.now().toFixed(0)}`);
}

export function traced(): string {
  return traces.join(' ');
}
