// Draws a small screen and then does nothing: the idle-cost benchmark's agent.
process.stdin.setRawMode(true);
process.stdout.write(`\x1b[1midle agent ${process.env.SQUADTUI_AGENT}\x1b[0m\r\n> `);
process.stdin.on('data', (d) => process.stdout.write(d));
