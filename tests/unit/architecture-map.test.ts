import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * docs/ARCHITECTURE.md is the map a newcomer reads before a change; a map that names a folder that
 * moved, or leaves out one that was added, sends them to the wrong place.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const MAP = readFileSync(path.join(ROOT, 'docs/ARCHITECTURE.md'), 'utf8');

const libFolders = readdirSync(path.join(ROOT, 'lib'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

/** The first cell of each row of the `lib/` table: `| \`sync\` | … |`. */
const tableFolders = [...MAP.matchAll(/^\| `([\w-]+)`\s*\|/gm)].map((match) => match[1]!);

/** Paths the page names in backticks, without placeholders (`detect-<kind>.ts`) or globs. */
const namedPaths = [
  ...MAP.matchAll(/`((?:lib|entrypoints|components|tests|public)\/[\w./-]+)`/g),
].map((match) => match[1]!);

describe('docs/ARCHITECTURE.md', () => {
  it('gives every folder of lib/ its line in the table, and no line to a folder that is gone', () => {
    expect([...tableFolders].sort()).toEqual([...libFolders].sort());
  });

  it('names only paths that exist', () => {
    expect(namedPaths.length).toBeGreaterThan(10);
    const missing = namedPaths.filter((named) => !existsSync(path.join(ROOT, named)));
    expect(missing).toEqual([]);
  });
});
