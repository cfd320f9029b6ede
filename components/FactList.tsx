export interface Fact {
  readonly label: string;
  readonly value: string;
}

/** Label and value pairs, such as what a snapshot holds. */
export function FactList({
  facts,
  testId,
}: {
  readonly facts: readonly Fact[];
  readonly testId?: string;
}) {
  return (
    <dl class="fact-list" data-testid={testId}>
      {facts.map((fact) => (
        <div key={fact.label}>
          <dt>{fact.label}</dt>
          <dd>{fact.value}</dd>
        </div>
      ))}
    </dl>
  );
}
