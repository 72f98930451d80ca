// The task list's façade for the UI, the MCP server and dispatch: the model, the one change
// function, the drawing, the shared store, agents' tools and messages. Nothing here knows of React.
export { type Board, type Task, type TaskNote, type TaskState, type TaskStatus, blockersOf, dependentsOf, emptyBoard, indexTasks, isBlocked, isReady, readyTasks, taskLabel, taskState } from './model.js';
export { cycleThrough, dependencyOrder } from './graph.js';
export { type ChangeContext, type ChangeResult, type RefusalCode, type TaskChange, type TaskEvent, applyChange, describeEvent, formatCycle } from './rules.js';
export { type GraphLayout, type Gutter, ARROW_HEAD, layoutGraph } from './layout.js';
export { type BoardRow, type BoardRun, type RunKind, STATE_LABELS, boardRows } from './rows.js';
export { type LoadedBoard, type StoreChangeResult, type TaskFileProblem, TaskStore, describeProblem } from './store.js';
export { type TasksLocation, tasksLocation } from './location.js';
export { LockTimeoutError } from './lock.js';
export { AGENT_TOOLS, AGENT_TOOL_NAMES, type AgentToolName, claudeToolNames } from './agent-tools.js';
export { type AgentCallsOptions, type SendResult, runAgentCall } from './agent-calls.js';
export { Messages, type MessagesOptions } from './messages.js';
