// Settings named by dotted keys (worktree.prefix, notify.bell), as `squadtui config` reads and
// writes them: found by walking the settings schema, so every key the schema has is known and
// nothing else is. Under a map (keys, approve.programs) the rest of the key is one name, dots
// and all: keys.dialog.submit is the keys of the command "dialog.submit".
import type * as z from '../util/zod.js';
import { SettingsSchema } from './settings.js';

type Schema = z.ZodMiniType;
interface Def {
  readonly type: string;
  readonly innerType?: Schema;
  readonly shape?: Record<string, Schema>;
  readonly valueType?: Schema;
}

const defOf = (schema: Schema): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schema under its default or optional wrapper. */
function unwrap(schema: Schema): Schema {
  let s = schema;
  for (let def = defOf(s); (def.type === 'default' || def.type === 'optional') && def.innerType; def = defOf(s)) s = def.innerType;
  return s;
}

export type KeyPath = { readonly ok: true; readonly path: readonly string[] } | { readonly ok: false; readonly error: string };

/** The path into the settings object that `key` names, or why it names none. */
export function settingPath(key: string): KeyPath {
  const parts = key.split('.');
  if (parts.some((p) => p === '')) return { ok: false, error: `"${key}" is not a setting name. ${knownList()}` };
  let schema: Schema = SettingsSchema;
  const path: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const def = defOf(unwrap(schema));
    if (def.type === 'record') return { ok: true, path: [...path, parts.slice(i).join('.')] };
    const shape = def.type === 'object' ? def.shape : undefined;
    const part = parts[i]!;
    if (!shape || !Object.hasOwn(shape, part)) {
      const under = path.length > 0 ? ` ("${path.join('.')}" ${shape ? `has ${Object.keys(shape).join(', ')}` : 'has no parts'})` : '';
      return { ok: false, error: `Unknown setting "${key}"${under}. ${knownList()}` };
    }
    path.push(part);
    schema = shape[part]!;
  }
  return { ok: true, path };
}

/** Every setting a key can name: the leaves of the schema, and each map as a whole. */
export function knownKeys(schema: Schema = SettingsSchema, prefix = ''): string[] {
  const def = defOf(unwrap(schema));
  if (def.type !== 'object' || !def.shape) return [prefix];
  return Object.entries(def.shape).flatMap(([name, child]) => knownKeys(child, prefix ? `${prefix}.${name}` : name));
}

function knownList(): string {
  return `Settings: ${knownKeys().join(', ')}.`;
}

export function getAt(value: unknown, path: readonly string[]): unknown {
  let v = value;
  for (const part of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, part)) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/** A copy of `value` with `leaf` at `path`, objects made on the way where missing. */
export function setAt(value: Record<string, unknown>, path: readonly string[], leaf: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const child = value[head];
  const inner = child !== null && typeof child === 'object' && !Array.isArray(child) ? (child as Record<string, unknown>) : {};
  return { ...value, [head]: rest.length === 0 ? leaf : setAt(inner, rest, leaf) };
}
