import type * as z from 'zod/mini';

/**
 * A schema issue in words. zod/mini ships without message texts (they would weigh on every bundle),
 * so the few kinds a snapshot can break are described here; keys are quoted as JSON, since they
 * come from the file.
 */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? ` at ${issue.path.map(String).join('.')}` : '';
  return `${whatIsWrong(issue)}${where}`;
}

function whatIsWrong(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown key ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}`;
    case 'invalid_type':
      return `expected ${issue.expected === 'number' ? 'a finite number' : issue.expected}`;
    case 'too_big':
      return `${bound(issue.origin)} at most ${issue.maximum}`;
    case 'too_small':
      return `${bound(issue.origin)} at least ${issue.minimum}`;
    case 'invalid_value':
      return `not one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'invalid_format':
      return `not a valid ${issue.format === 'regex' ? 'value' : issue.format}`;
    case 'custom':
      return issue.message;
    default:
      return 'not valid';
  }
}

function bound(origin: string): string {
  if (origin === 'string') return 'text of length';
  if (origin === 'array') return 'a list of length';
  return 'a number';
}
