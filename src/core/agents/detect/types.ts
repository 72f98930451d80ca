// What a detector reads from an agent's screen: its state and, when it asks, the prompt it shows.

/**
 * starting: nothing drawn yet. working: busy (spinner, "esc to interrupt"). idle: at its input,
 * waiting for the user. permission: a prompt with options waits for an answer. unknown: none of
 * these can be told for sure; a detector never guesses idle.
 */
export type AgentState = 'starting' | 'working' | 'idle' | 'permission' | 'unknown';

/** tool: may a tool run (yes/no options). trust: the folder-trust dialog. question: any other menu. */
export type PromptKind = 'tool' | 'trust' | 'question';

/** yes: allow once. always: allow and stop asking (wording varies). no: reject. other: anything else. */
export type OptionRole = 'yes' | 'always' | 'no' | 'other';

export interface PromptOption {
  /** The number shown before the label (1-based position when the menu is not numbered; 0 for an action row). */
  readonly number: number;
  /** The whole label, with the lines under its row (a description, the rest of a wrapped label). */
  readonly label: string;
  /** The row's own line when lines under it carry on the label ("Red" of "Red A red button"). */
  readonly head?: string;
  readonly role: OptionRole;
  /**
   * The bytes that pick this option: its digit or shortcut (`pick: 'keys'`), else the arrows from
   * the marker to it and Enter (`pick: 'navigate'`).
   */
  readonly keys: string;
  /**
   * keys: `keys` are written at once. navigate: the marker is moved onto the option one arrow at a
   * time, each move seen on screen before the next, then Enter — programs read a burst of keys as
   * one (Claude takes "Down Enter" in one read as Enter on the row already marked).
   */
  readonly pick: 'keys' | 'navigate';
  /** The option under the marker: Enter would pick it. */
  readonly selected: boolean;
  /** In a multi-select question: whether its box is ticked (picking it toggles the box). */
  readonly checked?: boolean;
  /** A row that takes typed text ("Type something."): picking it moves there; text and Enter follow. */
  readonly free?: boolean;
  /** An unnumbered row of a numbered menu ("Submit"); its `number` is 0. */
  readonly action?: boolean;
}

export interface DetectedPrompt {
  readonly kind: PromptKind;
  /** The prompt's heading as shown ("Bash command", "Edit file", "Accessing workspace:"). */
  readonly title: string;
  /** The tool name behind the title when the definition knows it ("Bash", "Edit", "Write"). */
  readonly tool?: string;
  /** The first line of the detail: the command, the file, the folder. */
  readonly subject: string;
  /**
   * What an auto-approve rule is matched against: the whole first paragraph of the detail, lines
   * joined by "\n". A wrapped or multi-line command (or one followed by its description) keeps its
   * newlines, so it can never pass a prefix rule on its first line alone.
   */
  readonly input: string;
  /** Lines between the title and the question (command, description, file, diff preview), de-indented. */
  readonly detail: readonly string[];
  /** "Do you want to proceed?"; empty when the prompt asks no question line. */
  readonly question: string;
  readonly options: readonly PromptOption[];
  /** Options carry check boxes: picking one toggles it, an action row or the next tab submits. */
  readonly multiSelect?: boolean;
  /** Bytes that dismiss the prompt without choosing (Esc), when the program offers it. */
  readonly cancelKeys?: string;
  /**
   * The marked row, counted up from the last line read (0: the last), where the program would draw
   * a focused text field's cursor (an inverse cell; see the definition's fieldCursor).
   */
  readonly fieldRow?: number;
}

export interface Detection {
  readonly state: AgentState;
  /** Present exactly when state is 'permission'. */
  readonly prompt?: DetectedPrompt;
  /** Id of the definition that read the screen. */
  readonly detector: string;
}
