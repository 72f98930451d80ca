// What an agent is told when a task is handed to it: one line (a newline would send it early),
// with the task and how to report on it.
import { type Task, taskLabel } from '../tasks/index.js';

export function taskPrompt(task: Task): string {
  const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();
  const description = oneLine(task.description);
  return [
    `Task ${taskLabel(task.id)} from the squad's board: ${oneLine(task.title)}.`,
    description ? `${description}${/[.!?]$/.test(description) ? '' : '.'}` : '',
    `When it is done, run \`squadtui task done ${task.id}\` (or the task_done tool with id ${task.id});`,
    `\`squadtui task show ${task.id}\` shows it, \`squadtui task list\` the whole board.`,
  ]
    .filter(Boolean)
    .join(' ');
}
