import { invalidParameter } from './errors';

/**
 * The `fields` parameter: `a,b,edge.limit(5).date_preset(last_7d){x,y}`, or a JSON list of the same
 * (Meta's Python SDK sends async report fields that way).
 */
export interface FieldSpec {
  readonly name: string;
  /** `edge.limit(5)` → { limit: '5' }; values are the raw text between the parentheses. */
  readonly modifiers: Readonly<Record<string, string>>;
  readonly children?: readonly FieldSpec[];
}

export function parseFields(raw: string | undefined): FieldSpec[] | undefined {
  if (raw === undefined) return undefined;
  const text = raw.trim();
  if (text.startsWith('[')) return parseJsonList(text);
  if (text === '') return [];
  const parser = new FieldParser(text);
  const fields = parser.list();
  parser.expectEnd();
  return fields;
}

function parseJsonList(text: string): FieldSpec[] {
  let items: unknown;
  try {
    items = JSON.parse(text);
  } catch {
    throw invalidParameter('Param fields must be a comma-separated list or a JSON list of strings');
  }
  if (!Array.isArray(items) || items.some((item) => typeof item !== 'string')) {
    throw invalidParameter('Param fields must be a list of strings');
  }
  return (items as string[]).flatMap((item) => parseFields(item) ?? []);
}

/** Renders fields back to Graph syntax, for the `fields` of a nested edge's `next` link. */
export function formatFields(fields: readonly FieldSpec[]): string {
  return fields
    .map((field) => {
      const modifiers = Object.entries(field.modifiers)
        .map(([name, value]) => `.${name}(${value})`)
        .join('');
      const children = field.children ? `{${formatFields(field.children)}}` : '';
      return `${field.name}${modifiers}${children}`;
    })
    .join(',');
}

const NAME = /[A-Za-z0-9_]/;
const OPENERS: Readonly<Record<string, string>> = { '(': ')', '{': '}', '[': ']' };

class FieldParser {
  private position = 0;

  constructor(private readonly text: string) {}

  list(): FieldSpec[] {
    const fields = [this.field()];
    while (this.peek() === ',') {
      this.position++;
      fields.push(this.field());
    }
    return fields;
  }

  expectEnd(): void {
    this.skipSpace();
    if (this.position < this.text.length) this.fail('end of string');
  }

  private field(): FieldSpec {
    const name = this.name();
    const modifiers: Record<string, string> = {};
    while (this.peek() === '.') {
      this.position++;
      const modifier = this.name();
      if (this.peek() !== '(') this.fail('"("');
      modifiers[modifier] = this.balanced().trim();
    }
    if (this.peek() !== '{') return { name, modifiers };
    this.position++;
    const children = this.list();
    if (this.peek() !== '}') this.fail('"}"');
    this.position++;
    return { name, modifiers, children };
  }

  private name(): string {
    this.skipSpace();
    const start = this.position;
    while (NAME.test(this.text[this.position] ?? '')) this.position++;
    if (start === this.position) this.fail('a field name');
    return this.text.slice(start, this.position);
  }

  /** The text inside a bracket pair starting at the current '(' (nesting and JSON strings aware). */
  private balanced(): string {
    const start = this.position + 1;
    const closers: string[] = [];
    let inString = false;
    for (; this.position < this.text.length; this.position++) {
      const char = this.text[this.position] ?? '';
      if (inString) {
        if (char === '\\') this.position++;
        else if (char === '"') inString = false;
        continue;
      }
      if (char === '"') inString = true;
      else if (OPENERS[char]) closers.push(OPENERS[char]);
      else if (char === closers.at(-1)) {
        closers.pop();
        if (closers.length === 0) {
          this.position++;
          return this.text.slice(start, this.position - 1);
        }
      }
    }
    return this.fail('")"');
  }

  private peek(): string | undefined {
    this.skipSpace();
    return this.text[this.position];
  }

  private skipSpace(): void {
    while (this.text[this.position] === ' ') this.position++;
  }

  private fail(expected: string): never {
    const found = this.text[this.position];
    const instead = found === undefined ? 'end of string' : `"${found}"`;
    throw invalidParameter(
      `Syntax error "Expected ${expected} instead of ${instead}." at character ${this.position}: ${this.text}`,
    );
  }
}
