// The environment an agent's program starts with: the user's, minus what belongs to the terminal
// squadtui runs in, plus squadtui's markers, the agent's own variables and its launch's.
import type { AgentSpec, Launch } from './host.js';

/** Environment variables that would make agents believe they run directly inside another multiplexer. */
const STRIPPED_ENV = ['TMUX', 'TMUX_PANE', 'STY', 'COLUMNS', 'LINES', 'TERMCAP'];

export function agentEnv(base: Readonly<Record<string, string | undefined>>, spec: AgentSpec, launch: Launch): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...base };
  for (const key of STRIPPED_ENV) delete env[key];
  return {
    ...env,
    TERM: 'xterm-256color',
    COLORTERM: 'truecolor',
    SQUADTUI: '1',
    SQUADTUI_AGENT: spec.name,
    ...spec.env,
    ...launch.env,
  };
}
