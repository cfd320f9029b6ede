/** One day of a trend: its value (null leaves a gap) and the band the baseline expects. */
export interface TrendChartDay {
  readonly value: number | null;
  readonly expected: number;
  readonly lower: number;
  readonly upper: number;
  readonly anomalous: boolean;
}

interface TrendChartProps {
  readonly days: readonly TrendChartDay[];
  /** What the chart shows, for screen readers: "Amount spent, daily, 3 days outside the band". */
  readonly label: string;
  readonly width?: number;
  readonly height?: number;
}

const PADDING = 4;

type Point = readonly [x: number, y: number];
type Scale = (day: number, value: number) => Point;

/** An SVG `points` pair, to one decimal. */
function format([x, y]: Point): string {
  return `${x.toFixed(1)},${y.toFixed(1)}`;
}

function scaleFor(days: readonly TrendChartDay[], width: number, height: number): Scale {
  const values = days.flatMap((day) => [
    day.lower,
    day.upper,
    ...(day.value === null ? [] : [day.value]),
  ]);
  const low = Math.min(...values);
  const span = Math.max(...values) - low || 1;
  const step = days.length > 1 ? (width - 2 * PADDING) / (days.length - 1) : 0;
  return (day, value) => [
    PADDING + day * step,
    height - PADDING - ((value - low) / span) * (height - 2 * PADDING),
  ];
}

/** Runs of consecutive days with a value, as SVG `points`; a gap day breaks the line. */
function valueRuns(days: readonly TrendChartDay[], scale: Scale): string[] {
  const runs: string[][] = [[]];
  days.forEach((day, index) => {
    if (day.value === null) runs.push([]);
    else runs.at(-1)?.push(format(scale(index, day.value)));
  });
  return runs
    .filter((run) => run.length > 0)
    .map((run) => (run.length === 1 ? [run[0], run[0]] : run).join(' '));
}

/**
 * A daily trend as a small SVG: the expected band shaded, the expected line dashed, the actual
 * line solid, and a dot on each day outside the band. Scaled so the band and the line share axes.
 */
export function TrendChart({ days, label, width = 360, height = 72 }: TrendChartProps) {
  if (days.length === 0) return null;
  const scale = scaleFor(days, width, height);
  const band = [
    ...days.map((day, index) => format(scale(index, day.upper))),
    ...days.map((day, index) => format(scale(index, day.lower))).reverse(),
  ].join(' ');
  return (
    <svg
      class="trend"
      role="img"
      aria-label={label}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
    >
      <polygon class="trend-band" points={band} />
      <polyline
        class="trend-expected"
        points={days.map((day, index) => format(scale(index, day.expected))).join(' ')}
        fill="none"
      />
      {valueRuns(days, scale).map((points, index) => (
        <polyline key={index} class="trend-value" points={points} fill="none" />
      ))}
      {days.map((day, index) =>
        day.anomalous && day.value !== null ? (
          <circle
            key={`a${index}`}
            class="trend-anomaly"
            data-testid="trend-anomaly"
            r="3.5"
            {...circleCentre(scale(index, day.value))}
          />
        ) : null,
      )}
    </svg>
  );
}

function circleCentre([x, y]: Point): { cx: string; cy: string } {
  return { cx: x.toFixed(1), cy: y.toFixed(1) };
}
