import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The README backs its claims with test names in brackets (`[e2e/privacy]`, or one test of a file:
 * `[e2e/privacy: "Clear all, after confirming, …"]`), and in the privacy table's tests column.
 * Each must name a test file that exists, and a quoted title must be the title of a test in it,
 * so a renamed or deleted test cannot leave a claim pointing at nothing.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** `e2e/` is `tests/e2e/`, and so on; a name is a file or a folder of test files. */
const SUITES: Readonly<Record<string, { readonly folder: string; readonly suffix: string }>> = {
  e2e: { folder: 'tests/e2e', suffix: '.e2e.ts' },
  'e2e-firefox': { folder: 'tests/e2e-firefox', suffix: '.e2e.ts' },
  unit: { folder: 'tests/unit', suffix: '.test.ts' },
  audit: { folder: 'tests/audit', suffix: '.test.ts' },
  bench: { folder: 'tests/bench', suffix: '.test.ts' },
};

const NAME =
  /(?<![\w/.`-])(e2e-firefox|e2e|unit|audit|bench)\/([a-z0-9][\w/-]*[\w])(?:: "([^"]+)")?/g;

interface TestName {
  readonly text: string;
  readonly suite: string;
  readonly file: string;
  readonly title: string | undefined;
}

function namesIn(markdown: string): TestName[] {
  // A title may wrap across lines of the Markdown source.
  return [...markdown.matchAll(NAME)].map(([text, suite, file, title]) => ({
    text: text.replace(/\s+/g, ' '),
    suite: suite!,
    file: file!,
    title: title?.replace(/\s+/g, ' '),
  }));
}

/** The test files a name stands for: one file, or every test file under a folder. */
function filesOf({ suite, file }: TestName): string[] {
  const { folder, suffix } = SUITES[suite]!;
  const base = path.join(ROOT, folder, file);
  for (const candidate of [`${base}${suffix}`, `${base}${suffix}x`]) {
    if (existsSync(candidate)) return [candidate];
  }
  if (!existsSync(base) || !statSync(base).isDirectory()) return [];
  return readdirSync(base, { recursive: true, encoding: 'utf8' })
    .filter((entry) => entry.endsWith(suffix) || entry.endsWith(`${suffix}x`))
    .map((entry) => path.join(base, entry));
}

/** Whether a test (it/test) with exactly this title is written in the file. */
function hasTestTitled(source: string, title: string): boolean {
  return ["'", '"', '`'].some((quote) =>
    [`it(${quote}`, `test(${quote}`].some((call) => source.includes(`${call}${title}${quote}`)),
  );
}

describe('README test names', () => {
  const names = namesIn(README);

  it('finds the names the README gives, titles included', () => {
    expect(names.length).toBeGreaterThan(20);
    expect(names.some((name) => name.title !== undefined)).toBe(true);
  });

  it('names only test files that exist', () => {
    const missing = names.filter((name) => filesOf(name).length === 0).map((name) => name.text);
    expect(missing).toEqual([]);
  });

  it('names only test titles that exist in their file', () => {
    const missing = names
      .filter(({ title }) => title !== undefined)
      .filter((name) =>
        filesOf(name).every((file) => !hasTestTitled(readFileSync(file, 'utf8'), name.title!)),
      )
      .map((name) => name.text);
    expect(missing).toEqual([]);
  });

  it('would notice a name that does not exist', () => {
    const [ghost, ghostTitle] = namesIn('[e2e/no-such-spec] [e2e/privacy: "a test nobody wrote"]');
    expect(filesOf(ghost!)).toEqual([]);
    const files = filesOf(ghostTitle!);
    expect(files).toHaveLength(1);
    expect(hasTestTitled(readFileSync(files[0]!, 'utf8'), ghostTitle!.title!)).toBe(false);
  });
});
