export interface TreeEntity {
  readonly name: string;
  /** "Campaign", "Ad set"… */
  readonly levelLabel: string;
  /** Index of the parent in the same list, which comes earlier; `null` for the root. */
  readonly parent: number | null;
}

/** Nested lists of an entity tree; names are text. */
export function EntityTree({ entities }: { readonly entities: readonly TreeEntity[] }) {
  const root = entities.findIndex((entity) => entity.parent === null);
  if (root < 0) return null;
  return (
    <ul class="entity-tree">
      <EntityNode entities={entities} index={root} />
    </ul>
  );
}

function EntityNode({
  entities,
  index,
}: {
  readonly entities: readonly TreeEntity[];
  readonly index: number;
}) {
  const entity = entities[index];
  if (!entity) return null;
  const children = entities.flatMap((candidate, position) =>
    candidate.parent === index ? [position] : [],
  );
  return (
    <li>
      <span class="entity-level">{entity.levelLabel}</span> {entity.name}
      {children.length > 0 && (
        <ul>
          {children.map((child) => (
            <EntityNode key={child} entities={entities} index={child} />
          ))}
        </ul>
      )}
    </li>
  );
}
