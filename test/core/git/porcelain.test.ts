import { describe, expect, it } from 'vitest';
import { defaultCommitMessage, wipCommitMessage } from '../../../src/core/git/commit-message.js';
import { findOverlaps } from '../../../src/core/git/overlaps.js';
import {
  classifyDiff,
  countLines,
  isBinaryDiff,
  parseDiffSummary,
  parseLeftRight,
  parseLog,
  parseMergeTree,
  parseOverwrittenFiles,
  parseConfigList,
  parseStatusV2,
  parseWorktreeList,
  remotesFromConfig,
  statusChange,
} from '../../../src/core/git/porcelain.js';
import { lastLines } from '../../../src/core/git/setup.js';

const Z = (...fields: string[]) => fields.map((f) => `${f}\0`).join('');
const SHA = 'a'.repeat(40);
const SHB = 'b'.repeat(40);

describe('parseWorktreeList', () => {
  it('reads the main tree, a branch worktree, a detached, a locked and a prunable one', () => {
    const out = Z(
      `worktree /src/my repo`,
      `HEAD ${SHA}`,
      'branch refs/heads/main',
      '',
      `worktree /src/my repo.squad/zoë`,
      `HEAD ${SHB}`,
      'branch refs/heads/squad/zoë',
      'locked',
      '',
      'worktree /tmp/detached',
      `HEAD ${SHA}`,
      'detached',
      'locked being moved',
      'prunable gitdir file points to non-existent location',
      '',
    );
    const list = parseWorktreeList(out);
    expect(list).toEqual([
      { path: '/src/my repo', head: SHA, branch: 'main', detached: false, bare: false, isMain: true },
      { path: '/src/my repo.squad/zoë', head: SHB, branch: 'squad/zoë', detached: false, bare: false, locked: '', isMain: false },
      {
        path: '/tmp/detached',
        head: SHA,
        detached: true,
        bare: false,
        locked: 'being moved',
        prunable: 'gitdir file points to non-existent location',
        isMain: false,
      },
    ]);
  });

  it('reads a bare repository entry', () => {
    expect(parseWorktreeList(Z('worktree /srv/r.git', 'bare', ''))).toEqual([{ path: '/srv/r.git', detached: false, bare: true, isMain: true }]);
  });
});

describe('parseStatusV2', () => {
  it('reads branch headers and every kind of entry, paths with spaces intact', () => {
    const out = Z(
      `# branch.oid ${SHA}`,
      '# branch.head squad/alice',
      `1 .M N... 100644 100644 100644 ${SHA} ${SHA} src/a file.ts`,
      `1 A. N... 000000 100644 100644 ${SHA} ${SHA} new.ts`,
      `1 .D N... 100644 100644 000000 ${SHA} ${SHA} gone.ts`,
      `2 R. N... 100644 100644 100644 ${SHA} ${SHA} R100 dir/new name.ts`,
      'dir/old name.ts',
      `u UU N... 100644 100644 100644 100644 ${SHA} ${SHB} ${SHA} both.ts`,
      '? notes/ünï côde.md',
      '! node_modules/',
    );
    const st = parseStatusV2(out);
    expect(st.oid).toBe(SHA);
    expect(st.branch).toBe('squad/alice');
    expect(st.entries.map((e) => [e.kind, e.path, e.oldPath, statusChange(e)])).toEqual([
      ['ordinary', 'src/a file.ts', undefined, 'modified'],
      ['ordinary', 'new.ts', undefined, 'added'],
      ['ordinary', 'gone.ts', undefined, 'deleted'],
      ['renamed', 'dir/new name.ts', 'dir/old name.ts', 'renamed'],
      ['unmerged', 'both.ts', undefined, 'conflicted'],
      ['untracked', 'notes/ünï côde.md', undefined, 'untracked'],
      ['ignored', 'node_modules/', undefined, 'modified'],
    ]);
  });

  it('leaves branch and oid undefined on a detached HEAD before any commit', () => {
    const st = parseStatusV2(Z('# branch.oid (initial)', '# branch.head (detached)'));
    expect(st).toEqual({ oid: undefined, branch: undefined, entries: [] });
  });
});

describe('parseDiffSummary', () => {
  it('joins raw kinds with numstat counts, renames and binaries included', () => {
    const out = Z(
      ':100644 100644 1111111 2222222 M',
      'src/app.ts',
      ':000000 100644 0000000 3333333 A',
      'logo.png',
      ':100644 100644 4444444 5555555 R087',
      'old name.ts',
      'new name.ts',
      ':100644 000000 6666666 0000000 D',
      'gone.md',
      '3\t1\tsrc/app.ts',
      '-\t-\tlogo.png',
      '2\t2\t',
      'old name.ts',
      'new name.ts',
      '0\t7\tgone.md',
    );
    expect(parseDiffSummary(out)).toEqual([
      { path: 'src/app.ts', change: 'modified', added: 3, removed: 1, binary: false },
      { path: 'logo.png', change: 'added', added: 0, removed: 0, binary: true },
      { path: 'new name.ts', oldPath: 'old name.ts', change: 'renamed', added: 2, removed: 2, binary: false },
      { path: 'gone.md', change: 'deleted', added: 0, removed: 7, binary: false },
    ]);
  });

  it('is empty for no changes', () => {
    expect(parseDiffSummary('')).toEqual([]);
  });
});

describe('parseMergeTree', () => {
  it('reads a clean merge as just a tree', () => {
    expect(parseMergeTree(`${SHA}\0`, 0)).toEqual({ tree: SHA, files: [], details: [] });
  });

  it('reads conflicted files and the conflict messages, skipping informational ones', () => {
    const out = `${SHA}\0a.txt\0b c.txt\0\0` + '1\0a.txt\0Auto-merging\0Auto-merging a.txt\n\0' + '1\0a.txt\0CONFLICT (contents)\0CONFLICT (content): Merge conflict in a.txt\n\0' + '2\0b c.txt\0x\0CONFLICT (modify/delete)\0CONFLICT (modify/delete): b c.txt deleted in one side\n\0';
    expect(parseMergeTree(out, 1)).toEqual({
      tree: SHA,
      files: ['a.txt', 'b c.txt'],
      details: ['CONFLICT (content): Merge conflict in a.txt', 'CONFLICT (modify/delete): b c.txt deleted in one side'],
    });
  });
});

describe('small parsers', () => {
  it('reads config records, and the remotes in them with their push urls', () => {
    const out = Z('core.bare\nfalse', 'remote.origin.url\n/srv/r.git', 'remote.origin.pushurl\nssh://host/r.git', 'remote.my.fork.url\nhttps://x/y', 'branch.Main.remote\norigin', 'core.flag', 'user.name\nA', 'user.name\nB');
    const config = parseConfigList(out);
    expect(config.get('branch.Main.remote')).toEqual(['origin']);
    expect(config.get('core.flag')).toEqual(['true']);
    expect(config.get('user.name')).toEqual(['A', 'B']);
    expect(remotesFromConfig(config)).toEqual([
      { name: 'origin', fetchUrl: '/srv/r.git', pushUrl: 'ssh://host/r.git' },
      { name: 'my.fork', fetchUrl: 'https://x/y', pushUrl: 'https://x/y' },
    ]);
  });

  it('reads left/right counts', () => {
    expect(parseLeftRight('3\t5\n')).toEqual({ left: 3, right: 5 });
  });

  it('reads log records with any subject', () => {
    expect(parseLog(`${SHA}\x1fFix: a \x1f b\0\n${SHB}\x1fsecond\0`)).toEqual([
      { sha: SHA, subject: 'Fix: a \x1f b' },
      { sha: SHB, subject: 'second' },
    ]);
  });

  it('lists the files git refuses to overwrite', () => {
    const stderr = 'error: The following untracked working tree files would be overwritten by merge:\n\tnew file.txt\n\tdir/x\nPlease move or remove them before you merge.\nAborting\n';
    expect(parseOverwrittenFiles(stderr)).toEqual(['new file.txt', 'dir/x']);
    expect(parseOverwrittenFiles('fatal: something else')).toEqual([]);
  });
});

describe('diff text', () => {
  it('recognises binary diffs', () => {
    expect(isBinaryDiff('diff --git a/x.png b/x.png\nindex 1..2 100644\nBinary files a/x.png and b/x.png differ\n')).toBe(true);
    expect(isBinaryDiff('diff --git a/x b/x\n@@ -1 +1 @@\n-Binary files are fun\n+ok\n')).toBe(false);
  });

  it('classifies lines in context: "--- x" inside a hunk is a removed line', () => {
    const text = [
      'diff --git a/a.md b/a.md',
      'index 1111111..2222222 100644',
      '--- a/a.md',
      '+++ b/a.md',
      '@@ -1,3 +1,3 @@ title',
      ' same',
      '--- not a header',
      '+++ not a header either',
      '',
      '\\ No newline at end of file',
      'diff --git a/b b/b',
      'new file mode 100644',
      '',
    ].join('\n');
    expect(classifyDiff(text).map((l) => l.kind)).toEqual([
      'header',
      'header',
      'header',
      'header',
      'hunk',
      'context',
      'removed',
      'added',
      'context',
      'note',
      'header',
      'header',
    ]);
  });

  it('counts lines like numstat, and spots binary content', () => {
    expect(countLines(Buffer.from('a\nb\n'))).toEqual({ lines: 2, binary: false });
    expect(countLines(Buffer.from('a\nb'))).toEqual({ lines: 2, binary: false });
    expect(countLines(Buffer.from(''))).toEqual({ lines: 0, binary: false });
    expect(countLines(Buffer.from([0x89, 0x50, 0x00, 0x0a]))).toEqual({ lines: 0, binary: true });
  });
});

describe('findOverlaps', () => {
  it('lists files two or more agents change, old paths of renames included', () => {
    const overlaps = findOverlaps([
      { agent: 'alice', files: ['src/a.ts', 'README.md', 'src/a.ts'] },
      { agent: 'bob', files: [{ path: 'src/b.ts', oldPath: 'src/a.ts', change: 'renamed', added: 0, removed: 0, binary: false }] },
      { agent: 'carol', files: ['README.md', 'docs/x.md'] },
      { agent: 'dave', files: [] },
    ]);
    expect(overlaps).toEqual([
      { path: 'README.md', agents: ['alice', 'carol'] },
      { path: 'src/a.ts', agents: ['alice', 'bob'] },
    ]);
  });

  it('finds nothing when agents keep apart', () => {
    expect(findOverlaps([{ agent: 'a', files: ['x'] }, { agent: 'b', files: ['y'] }])).toEqual([]);
  });
});

describe('default commit messages', () => {
  it('names a single file', () => {
    expect(defaultCommitMessage([{ path: 'src/login.ts', change: 'modified' }])).toBe('Update login.ts');
    expect(defaultCommitMessage([{ path: 'docs/new.md', change: 'untracked' }])).toBe('Add new.md');
  });

  it('lists several files in the subject when they fit, and each in the body', () => {
    const message = defaultCommitMessage([
      { path: 'a.ts', change: 'added' },
      { path: 'lib/b.ts', change: 'untracked' },
    ]);
    expect(message).toBe('Add a.ts and b.ts\n\n- add a.ts\n- add lib/b.ts');
  });

  it('keeps the subject within 72 characters with "and N more files"', () => {
    const changes = Array.from({ length: 40 }, (_, i) => ({ path: `src/components/some-long-file-name-${i}.tsx`, change: i % 2 ? ('modified' as const) : ('deleted' as const) }));
    const [subject, blank, ...body] = defaultCommitMessage(changes).split('\n');
    expect(subject!.length).toBeLessThanOrEqual(72);
    expect(subject).toMatch(/^Update some-long-file-name-0\.tsx.* and \d+ more files$/);
    expect(blank).toBe('');
    expect(body.at(-1)).toBe('- and 10 more');
  });

  it('says why a WIP commit exists', () => {
    expect(wipCommitMessage([{ path: 'x', change: 'modified' }], 'pause')).toMatch(/^WIP: uncommitted work saved before pausing the agent\n\n.*\n- update x$/);
  });
});

describe('lastLines', () => {
  it('collapses progress redraws and CRLF, drops trailing blank lines', () => {
    expect(lastLines('one\r\ntwo\nprogress 10%\rprogress 100%\n\n', 2)).toEqual(['two', 'progress 100%']);
  });
});
