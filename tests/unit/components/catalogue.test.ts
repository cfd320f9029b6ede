import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import catalogue from '@/public/_locales/en/messages.json';

const UI_SOURCES = ['components', 'entrypoints'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** The keys passed to `t(…)` in the extension's pages and components. */
function usedKeys(): Set<string> {
  const keys = new Set<string>();
  for (const file of UI_SOURCES.flatMap(sourceFiles)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([^']+)'/g)) {
      keys.add(match[1]!);
    }
  }
  return keys;
}

describe('the English catalogue', () => {
  it('has every key the options page, the popup and their components ask for', () => {
    const used = [...usedKeys()];
    expect(used.length).toBeGreaterThan(100);
    expect(used.filter((key) => !(key in catalogue))).toEqual([]);
  });

  it('has keys the browser accepts, none differing from another only in case', () => {
    const keys = Object.keys(catalogue);
    expect(keys.filter((key) => !/^[A-Za-z0-9_@]+$/.test(key))).toEqual([]);
    expect(new Set(keys.map((key) => key.toLowerCase())).size).toBe(keys.length);
  });
});
