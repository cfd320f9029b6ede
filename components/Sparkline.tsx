interface SparklineProps {
  /** One value per day, oldest first; `null` leaves a gap. */
  readonly values: readonly (number | null)[];
  /** What the line shows, for screen readers: "Spend, daily". */
  readonly label: string;
  readonly width?: number;
  readonly height?: number;
}

const PADDING = 2;

/** A small inline SVG line of a daily series, scaled to its own range. */
export function Sparkline({ values, label, width = 160, height = 36 }: SparklineProps) {
  return (
    <svg
      class="sparkline"
      role="img"
      aria-label={label}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
    >
      {sparklineSegments(values, width, height).map((points, index) => (
        <polyline
          key={index}
          points={points}
          fill="none"
          stroke="currentColor"
          stroke-width="1.5"
          stroke-linejoin="round"
        />
      ))}
    </svg>
  );
}

/** SVG `points` strings, one per run of days with values. */
export function sparklineSegments(
  values: readonly (number | null)[],
  width: number,
  height: number,
): string[] {
  const known = values.filter((value): value is number => value !== null);
  if (known.length === 0) return [];
  const low = Math.min(...known);
  const span = Math.max(...known) - low || 1;
  const step = values.length > 1 ? (width - 2 * PADDING) / (values.length - 1) : 0;
  const segments: string[][] = [[]];
  values.forEach((value, index) => {
    if (value === null) {
      segments.push([]);
      return;
    }
    const x = PADDING + index * step;
    const y = height - PADDING - ((value - low) / span) * (height - 2 * PADDING);
    segments.at(-1)?.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  });
  // A lone day still shows, as a dot-length segment.
  return segments
    .filter((segment) => segment.length > 0)
    .map((segment) => (segment.length === 1 ? `${segment[0]} ${segment[0]}` : segment.join(' ')));
}
