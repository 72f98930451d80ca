// Latency benchmark squad: the first agent echoes keys, the others stream output non-stop.
const name = process.env.SQUADTUI_AGENT ?? '';
if (name.endsWith('-1')) await import('../../test/fixtures/agents/echo-agent.mjs');
else await import('./stream-agent.mjs');
