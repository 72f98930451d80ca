// The dialogs a window can show, and what "yes" in a question does (a union the controller
// handles exhaustively: a new action does not compile until it is handled).
import type { DetectedPrompt } from '../agents/detect/index.js';

export type AddField = 'name' | 'command' | 'cwd' | 'base' | 'prompt';
export const ADD_FIELDS: readonly AddField[] = ['name', 'command', 'cwd', 'base', 'prompt'];

export interface AddDialog {
  readonly kind: 'add';
  readonly values: Readonly<Record<AddField, string>>;
  readonly field: AddField;
  /** Give the agent its own worktree and branch (when in a repository). */
  readonly worktree: boolean;
  readonly error?: string;
  /** The branch the name would get exists: submitting this name again reuses it. */
  readonly reuse?: {
    readonly name: string;
    readonly branch: string;
    /** Its worktree from an earlier run is still there: continue in it. */
    readonly pickUp?: boolean;
  };
  readonly busy?: boolean;
  /** The user typed the name: it no longer follows the command. */
  readonly nameEdited?: boolean;
}

/** What a question's "yes" (or its second answer) does. */
export type ConfirmAction =
  | { readonly kind: 'quit' }
  /** Close the window, the squad keeps running in its host. */
  | { readonly kind: 'detach' }
  | { readonly kind: 'close'; readonly id: string }
  | { readonly kind: 'pause'; readonly id: string }
  | { readonly kind: 'merge'; readonly id: string; readonly push: boolean }
  /** The answer to the offer of the squad saved before: bring it back, or start as usual. */
  | { readonly kind: 'restore'; readonly accept: boolean }
  /** Delete a task, the dependencies on it too. */
  | { readonly kind: 'task-delete'; readonly id: number }
  /** Only informs: nothing to do. */
  | { readonly kind: 'none' };

/** A question as the flows ask it; the controller shows it as a confirm dialog. */
export interface Question {
  readonly title: string;
  readonly body: readonly string[];
  readonly yesLabel: string;
  readonly onYes: ConfirmAction;
  /** What "no" does besides closing the question, and what it is called (default: cancel). */
  readonly onNo?: ConfirmAction;
  readonly noLabel?: string;
  /** A second way to say yes (e.g. merge and push), on its own key. */
  readonly alt?: { readonly action: ConfirmAction; readonly label: string };
  /** Only informs: any key closes it. */
  readonly info?: boolean;
}

export interface ConfirmDialog extends Question {
  readonly kind: 'confirm';
}

/**
 * deny: "No, and tell the agent what to do instead", the message typed back after the rejection.
 * answer: the text for a question's free row ("Type something.").
 */
export interface MessageDialog {
  readonly kind: 'message';
  readonly purpose: 'deny' | 'answer';
  readonly agentId: string;
  readonly value: string;
  /** The prompt as the user saw it when the dialog opened: the answer goes to that one only. */
  readonly prompt?: DetectedPrompt;
}

export interface CommitDialog {
  readonly kind: 'commit';
  readonly agentId: string;
  readonly value: string;
}

export type TaskField = 'title' | 'description';

/** Adding a task (no id) or editing one. */
export interface TaskDialog {
  readonly kind: 'task';
  readonly id?: number;
  readonly title: string;
  readonly description: string;
  readonly field: TaskField;
  readonly error?: string;
}

export type Dialog = AddDialog | ConfirmDialog | MessageDialog | CommitDialog | TaskDialog;
