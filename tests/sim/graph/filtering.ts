import type { FilterOperator } from './insights/query';

/** Graph's `filtering` operators applied to one value (meta-graph-api.md §3.2). */
export function matchesFilter(
  actual: string | number | undefined,
  operator: FilterOperator,
  expected: unknown,
): boolean {
  const list = Array.isArray(expected) ? (expected as unknown[]).map(String) : [String(expected)];
  const text = String(actual ?? '');
  const number = Number(actual);
  switch (operator) {
    case 'EQUAL':
      return text === String(expected);
    case 'NOT_EQUAL':
      return text !== String(expected);
    case 'GREATER_THAN':
      return number > Number(expected);
    case 'GREATER_THAN_OR_EQUAL':
      return number >= Number(expected);
    case 'LESS_THAN':
      return number < Number(expected);
    case 'LESS_THAN_OR_EQUAL':
      return number <= Number(expected);
    case 'IN_RANGE':
      return number >= Number(list[0]) && number <= Number(list[1]);
    case 'NOT_IN_RANGE':
      return !(number >= Number(list[0]) && number <= Number(list[1]));
    case 'CONTAIN':
      return text.toLowerCase().includes(String(expected).toLowerCase());
    case 'NOT_CONTAIN':
      return !text.toLowerCase().includes(String(expected).toLowerCase());
    case 'IN':
    case 'ANY':
      return list.includes(text);
    case 'NOT_IN':
    case 'NONE':
      return !list.includes(text);
    case 'ALL':
      return list.every((value) => value === text);
  }
}
