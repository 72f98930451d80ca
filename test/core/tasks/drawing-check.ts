// Reads the edges back from a drawn board, checking every lane on the way: a lane starts with a
// corner on its task's row, runs down unbroken, and ends on the row of the last task it unblocks.
const UP = new Set('│├┼└┴');
const DOWN = new Set('│┌┬├┼');
const JOINS = new Set('┌┬├┼└┴');

/** The edges drawn, as `from→to`; throws on a lane that dangles, stops early or joins nothing. */
export function checkDrawing(rows: readonly string[], order: readonly number[], lanes: number): string[] {
  const grid = rows.map((r) => [...r]);
  const at = (row: number, x: number) => grid[row]?.[x] ?? ' ';
  const node = lanes * 2;
  const edges: string[] = [];
  for (let slot = 0; slot < lanes; slot++) {
    const x = node - 2 - slot * 2;
    let source: number | undefined;
    for (let row = 0; row < rows.length; row++) {
      const c = at(row, x);
      const joinsAbove = DOWN.has(at(row - 1, x));
      if (UP.has(c) !== joinsAbove) throw new Error(`row ${row}, column ${x}: a lane breaks at '${c}'`);
      if (c === '┌' || c === '┬') {
        source = order[row];
        lineReaches(grid[row]!, x, node, '─');
      } else if (JOINS.has(c)) {
        if (source === undefined) throw new Error(`row ${row}: '${c}' joins a lane that never started`);
        lineReaches(grid[row]!, x, node, '▶');
        edges.push(`${source}→${order[row]}`);
      } else if (c !== '│' && c !== ' ' && c !== '─') {
        throw new Error(`row ${row}, column ${x}: unexpected '${c}'`);
      }
      if (!DOWN.has(c)) source = undefined;
    }
  }
  return edges;
}

/** A junction's line runs unbroken to the task's column, which holds `end` (or the arrow head). */
function lineReaches(row: readonly string[], x: number, node: number, end: string): void {
  for (let i = x + 1; i < node; i++) if (row[i] === ' ') throw new Error(`a line stops at column ${i}: ${row.join('')}`);
  if (row[node] !== '▶' && row[node] !== end) throw new Error(`no arrow head at column ${node}: ${row.join('')}`);
}
