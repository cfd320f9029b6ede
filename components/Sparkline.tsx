import { sparklineRuns } from '@/lib/util/sparkline';

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

/** SVG `points` strings, one per run of days with values; a lone day shows as a dot. */
export function sparklineSegments(
  values: readonly (number | null)[],
  width: number,
  height: number,
): string[] {
  const box = { x: PADDING, y: PADDING, width: width - 2 * PADDING, height: height - 2 * PADDING };
  return sparklineRuns(values, box).map((run) => {
    const points = run.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`);
    return (points.length === 1 ? [points[0], points[0]] : points).join(' ');
  });
}
