// The bench's table: one row per figure, beside its baseline of the same run and its target.
export interface Row {
  metric: string;
  value: string;
  baseline: string;
  target: string;
  ok: boolean | undefined;
}

export const rows: Row[] = [];

export const pct = (values: readonly number[], p: number): number => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

export const fmt = (n: number, d = 1): string => n.toFixed(d);

export function printTable(title: string): void {
  const widths = [46, 16, 34, 12];
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 6)).join(' ');
  console.log(`\n${title}\n`);
  console.log(line(['metric', 'squadtui', 'baseline (same run)', 'target', 'met']));
  console.log('-'.repeat(116));
  for (const r of rows) console.log(line([r.metric, r.value, r.baseline, r.target, r.ok === undefined ? '' : r.ok ? 'yes' : 'NO']));
}
