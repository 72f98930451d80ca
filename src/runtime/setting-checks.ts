// What `squadtui config set` checks beyond the schema, by the rules the app applies at start: keys
// that clash or that an agent needs, unknown commands, detector definitions that do not parse. A
// value the app would throw away at start (with every other custom key) is refused when set.
import { parseDetectorDefinitions } from '../core/agents/detect/index.js';
import { type KeyOverrides, KeymapError, buildKeymap } from '../keymap.js';

export const settingChecks: Readonly<Record<string, (value: unknown) => string | undefined>> = {
  keys(value) {
    try {
      buildKeymap(value as KeyOverrides);
      return undefined;
    } catch (error) {
      if (error instanceof KeymapError) return error.message;
      throw error;
    }
  },
  detectors: (value) => parseDetectorDefinitions(value).problems.join(' ') || undefined,
};
