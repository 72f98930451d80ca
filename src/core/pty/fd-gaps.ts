// Keeping squadtui's descriptors out of the agents it starts (Linux). node-pty 1.2's prebuilt
// binary marks what a new agent inherits close-on-exec one number at a time from 3 and stops at the
// first free number above 15. A free number below squadtui's last descriptor (an agent closed
// earlier, a finished git command, or the new agent's own master, which takes the lowest free
// number) left everything above it open in the agent: other agents' pty masters, through which it
// could type into them and keep them alive. Filling the free numbers for the moment of the spawn
// makes the walk reach every descriptor, and gives the new master a number above them all.
// Left open: a descriptor the main thread closes during those few microseconds.
import { closeSync, openSync, readdirSync } from 'node:fs';

/** At most this many free numbers are filled (more would mean a descriptor inherited at a huge number). */
const MAX_FILL = 4096;

/**
 * Fills every free descriptor number below the highest one open with /dev/null (itself
 * close-on-exec, as Node opens everything) and returns what frees them again, to be called once the
 * agent has started.
 */
export function fillDescriptorGaps(): () => void {
  if (process.platform !== 'linux') return () => undefined;
  let highest: number;
  try {
    highest = Math.max(...readdirSync('/proc/self/fd').map(Number).filter(Number.isInteger));
  } catch {
    return () => undefined;
  }
  const fills: number[] = [];
  while (fills.length < MAX_FILL) {
    let fd: number;
    try {
      fd = openSync('/dev/null', 'r');
    } catch {
      break; // out of descriptors: spawn as node-pty would have
    }
    if (fd > highest) {
      closeSync(fd);
      break;
    }
    fills.push(fd);
  }
  return () => {
    for (const fd of fills) closeSync(fd);
  };
}
