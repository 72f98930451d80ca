// Graph questions the rules and the layout ask: would an edge close a cycle, and in which order do
// the tasks come (dependencies first).
import { type Board, dependentsOf } from './model.js';

/**
 * The cycle that making `task` depend on `on` would close, as the ids along the arrows (each task
 * before those it unblocks), starting and ending at `on`; undefined when there is none.
 */
export function cycleThrough(board: Board, task: number, on: number): number[] | undefined {
  // The new arrow is on → task; it closes a cycle when task already leads to on.
  const next = dependentsOf(board);
  const cameFrom = new Map<number, number>();
  const queue = [task];
  const seen = new Set([task]);
  while (queue.length > 0) {
    const at = queue.shift()!;
    if (at === on) {
      const path = [on];
      for (let p = on; p !== task; p = cameFrom.get(p)!) path.unshift(cameFrom.get(p)!);
      return [on, ...path];
    }
    for (const n of next.get(at) ?? []) {
      if (seen.has(n)) continue;
      seen.add(n);
      cameFrom.set(n, at);
      queue.push(n);
    }
  }
  return undefined;
}

/**
 * Every task after the tasks it depends on; among those whose dependencies are all placed, the
 * lowest id first. Tasks caught in a cycle (only a hand-edited file can hold one) come last by id.
 */
export function dependencyOrder(board: Board): number[] {
  const next = dependentsOf(board);
  const waiting = new Map<number, number>();
  const known = new Set(board.tasks.map((t) => t.id));
  for (const t of board.tasks) waiting.set(t.id, new Set(t.deps.filter((d) => known.has(d) && d !== t.id)).size);
  const free = new MinHeap();
  for (const [id, n] of waiting) if (n === 0) free.push(id);
  const order: number[] = [];
  while (free.size > 0) {
    const id = free.pop();
    order.push(id);
    for (const d of new Set(next.get(id))) {
      const left = waiting.get(d)! - 1;
      waiting.set(d, left);
      if (left === 0) free.push(d);
    }
  }
  if (order.length < board.tasks.length) {
    const placed = new Set(order);
    order.push(...board.tasks.map((t) => t.id).filter((id) => !placed.has(id)).sort((a, b) => a - b));
  }
  return order;
}

/** A binary heap of ids, smallest first: the order stays O(n log n) on large boards. */
class MinHeap {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(value: number): void {
    const a = this.items;
    a.push(value);
    for (let i = a.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (a[parent]! <= a[i]!) break;
      [a[parent], a[i]] = [a[i]!, a[parent]!];
      i = parent;
    }
  }

  pop(): number {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length === 0) return top;
    a[0] = last;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let min = i;
      if (l < a.length && a[l]! < a[min]!) min = l;
      if (r < a.length && a[r]! < a[min]!) min = r;
      if (min === i) break;
      [a[min], a[i]] = [a[i]!, a[min]!];
      i = min;
    }
    return top;
  }
}
