// SQUADTUI_SAVED_ENV: variables squadtui keeps out of its own process and hands back to the agents
// it starts. CI's (Ink draws nothing interactive when it sees them, bin.ts) and NODE_EXTRA_CA_CERTS
// (every node start parses those certificates; the host opens no TLS connection, start-host.ts).
const SAVED = 'SQUADTUI_SAVED_ENV';

type Env = Record<string, string | undefined>;

/** Moves `keys` of `env` (those set) into the saved variables, beside any saved already. */
export function saveForAgents(env: Env, keys: readonly string[]): void {
  const saved = readSaved(env);
  let moved = false;
  for (const key of keys) {
    const value = env[key];
    if (value === undefined) continue;
    saved[key] = value;
    delete env[key];
    moved = true;
  }
  if (moved) env[SAVED] = JSON.stringify(saved);
}

/** The saved variables, taken out of `env` (a malformed value gives none). */
export function takeSaved(env: Env): Record<string, string> {
  const saved = readSaved(env);
  delete env[SAVED];
  return saved;
}

function readSaved(env: Env): Record<string, string> {
  try {
    return JSON.parse(env[SAVED] ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}
