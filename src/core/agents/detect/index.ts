// Screen detectors: agent state and permission prompts, per program, as data.
export type { AgentState, DetectedPrompt, Detection, OptionRole, PromptKind, PromptOption } from './types.js';
export {
  DetectorDefinitionError,
  DetectorDefinitionSchema,
  defineDetector,
  parseDetectorDefinitions,
  type DetectorDefinition,
  type DetectorDefinitionInput,
} from './definition.js';
export { compileDetector, type CompiledDetector } from './compile.js';
export { detect, detectPrompt } from './detect.js';
export { samePrompt } from './same-prompt.js';
export {
  BUILTIN_DETECTORS,
  aiderDetector,
  claudeDetector,
  codexDetector,
  geminiDetector,
  genericDetector,
  shellDetector,
} from './builtin.js';
export { detectorFor } from './registry.js';
