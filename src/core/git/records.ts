// What squadtui remembers per agent branch, in <git common dir>/squadtui/agents.json: the agent's
// name, the base its branch came from, and whether it is active, paused or removed. Git's config
// would be the natural home, but simple-git refuses config keys that merely contain words such as
// "alias" or "pager", and an agent may well be called that.
import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as z from '../util/zod.js';
import type { AgentRecord } from './types.js';

const RecordSchema = z.object({
  agent: z.string(),
  branch: z.string(),
  base: z.string(),
  baseKind: z.enum(['branch', 'remote-branch', 'commit']),
  path: z.string(),
  state: z.enum(['active', 'paused', 'removed']),
  updatedAt: z.string(),
});

const FileSchema = z.object({ version: z.literal(1), agents: z.record(z.string(), RecordSchema) });

type Loaded = { agents: Record<string, AgentRecord>; broken: boolean };

export class AgentRecords {
  /** Writes per file run one after another, so two quick updates never lose each other. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  static fileFor(commonDir: string): string {
    return path.join(commonDir, 'squadtui', 'agents.json');
  }

  /** All records of a repository, by branch. A missing or unreadable file reads as none. */
  async all(commonDir: string): Promise<Record<string, AgentRecord>> {
    return (await this.load(commonDir)).agents;
  }

  async get(commonDir: string, branch: string): Promise<AgentRecord | undefined> {
    return (await this.all(commonDir))[branch];
  }

  async put(commonDir: string, record: Omit<AgentRecord, 'updatedAt'>): Promise<AgentRecord> {
    return this.change(commonDir, () => ({ ...record, updatedAt: this.now().toISOString() }), record.branch);
  }

  /** Changes an existing record; resolves undefined when the branch has none. */
  async update(commonDir: string, branch: string, patch: Partial<Omit<AgentRecord, 'branch' | 'updatedAt'>>): Promise<AgentRecord | undefined> {
    return this.change(commonDir, (old) => (old ? { ...old, ...patch, updatedAt: this.now().toISOString() } : undefined), branch);
  }

  private async change<R extends AgentRecord | undefined>(commonDir: string, make: (old: AgentRecord | undefined) => R, branch: string): Promise<R> {
    const file = AgentRecords.fileFor(commonDir);
    const previous = this.queues.get(file) ?? Promise.resolve();
    const next = previous.then(async () => {
      const loaded = await this.load(commonDir);
      const record = make(loaded.agents[branch]);
      if (!record) return record;
      if (loaded.broken) {
        // Never overwrite what we cannot read: keep a copy for the user.
        await copyFile(file, `${file}.broken-${this.now().toISOString().replace(/[:.]/g, '-')}`);
      }
      const agents = { ...loaded.agents, [branch]: record };
      await mkdir(path.dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, `${JSON.stringify({ version: 1, agents }, null, 2)}\n`);
      await rename(temp, file);
      return record;
    });
    this.queues.set(
      file,
      next.catch(() => undefined),
    );
    return next;
  }

  private async load(commonDir: string): Promise<Loaded> {
    let text: string;
    try {
      text = await readFile(AgentRecords.fileFor(commonDir), 'utf8');
    } catch {
      return { agents: {}, broken: false };
    }
    try {
      const parsed = FileSchema.safeParse(JSON.parse(text));
      return parsed.success ? { agents: parsed.data.agents, broken: false } : { agents: {}, broken: true };
    } catch {
      return { agents: {}, broken: true };
    }
  }
}
