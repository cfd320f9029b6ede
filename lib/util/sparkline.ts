/** Where a sparkline is drawn: top-left corner and size, in the drawing's own units. */
export interface SparklineBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export type Point = readonly [x: number, y: number];

/**
 * A daily series as runs of points scaled into the box, its lowest value at the bottom and its
 * highest at the top; a `null` day breaks the line. Shared by the SVG sparkline and the PNG card.
 */
export function sparklineRuns(values: readonly (number | null)[], box: SparklineBox): Point[][] {
  const known = values.filter((value): value is number => value !== null);
  if (known.length === 0) return [];
  const low = Math.min(...known);
  const span = Math.max(...known) - low || 1;
  const step = values.length > 1 ? box.width / (values.length - 1) : 0;
  const runs: Point[][] = [[]];
  values.forEach((value, index) => {
    if (value === null) runs.push([]);
    else
      runs
        .at(-1)
        ?.push([box.x + index * step, box.y + box.height - ((value - low) / span) * box.height]);
  });
  return runs.filter((run) => run.length > 0);
}
