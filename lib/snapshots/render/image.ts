import { keyFor, type Reader } from '@/lib/util/message-keys';
import { sparklineRuns, type Point } from '@/lib/util/sparkline';
import { redactionSummary } from './preview';
import type { Snapshot } from '@/lib/snapshots/format/schema';
import {
  findingViews,
  KPI_COLUMN_KEYS,
  kpiRows,
  periodText,
  seriesViews,
  subjectName,
} from './view';

/**
 * The snapshot as a picture for chats that show images: the same text the viewer shows, in the
 * reader's language, drawn on a canvas. Layout is computed first, as a list of drawing operations, so it can be tested without
 * a canvas; painting is a thin loop over them.
 */
export type DrawOp =
  | {
      readonly kind: 'text';
      readonly text: string;
      readonly x: number;
      readonly y: number;
      readonly font: string;
      readonly color: string;
      readonly align?: 'left' | 'right';
    }
  | { readonly kind: 'line'; readonly points: readonly Point[]; readonly color: string }
  | { readonly kind: 'rule'; readonly y: number; readonly color: string };

export interface Card {
  readonly width: number;
  readonly height: number;
  readonly ops: readonly DrawOp[];
}

/** Width of a text in a font, from the canvas that will draw it. */
export type MeasureText = (text: string, font: string) => number;

const WIDTH = 1000;
const MARGIN = 40;
const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const FONTS = {
  title: `600 28px ${FONT_FAMILY}`,
  heading: `600 18px ${FONT_FAMILY}`,
  body: `16px ${FONT_FAMILY}`,
  strong: `600 16px ${FONT_FAMILY}`,
};
const COLORS = {
  text: '#1c1e21',
  muted: '#606770',
  rule: '#dadde1',
  accent: '#0b5cd5',
  critical: '#b3261e',
};
const KPI_COLUMNS = [MARGIN, 620, 780, WIDTH - MARGIN] as const;
const MAX_FINDINGS = 4;
const SPARKLINE = { x: 300, width: 420, height: 32 } as const;

export function layoutSnapshotCard(snapshot: Snapshot, reader: Reader, measure: MeasureText): Card {
  const { t } = reader;
  const ops: DrawOp[] = [];
  let y = MARGIN;
  const text = (value: string, x: number, font: string, color = COLORS.text, align?: 'right') =>
    ops.push({ kind: 'text', text: value, x, y, font, color, ...(align ? { align } : {}) });
  const advance = (height: number) => (y += height);

  advance(28);
  text(
    ellipsis(
      t('snapshotTitle', subjectName(snapshot, reader)),
      FONTS.title,
      WIDTH - 2 * MARGIN,
      measure,
    ),
    MARGIN,
    FONTS.title,
  );
  advance(28);
  text(periodText(snapshot, reader), MARGIN, FONTS.body, COLORS.muted);
  advance(22);
  text(redactionSummary(snapshot, reader), MARGIN, FONTS.body, COLORS.muted);

  const rows = kpiRows(snapshot, reader);
  if (rows.length > 0) {
    advance(44);
    KPI_COLUMN_KEYS.forEach((key, column) =>
      text(
        t(key),
        KPI_COLUMNS[column] ?? MARGIN,
        FONTS.strong,
        COLORS.muted,
        column > 0 ? 'right' : undefined,
      ),
    );
    for (const row of rows) {
      advance(10);
      ops.push({ kind: 'rule', y, color: COLORS.rule });
      advance(24);
      [row.label, row.current, row.previous, row.change].forEach((value, column) =>
        text(
          value,
          KPI_COLUMNS[column] ?? MARGIN,
          FONTS.body,
          COLORS.text,
          column > 0 ? 'right' : undefined,
        ),
      );
    }
  }

  const series = seriesViews(snapshot, reader);
  if (series.length > 0) {
    advance(48);
    text(t('snapshotSeries'), MARGIN, FONTS.heading);
    for (const line of series) {
      advance(SPARKLINE.height + 8);
      text(line.label, MARGIN, FONTS.body);
      text(line.latest, WIDTH - MARGIN, FONTS.body, COLORS.text, 'right');
      const box = { ...SPARKLINE, y: y - SPARKLINE.height + 4 };
      for (const points of sparklineRuns(line.values, box)) {
        ops.push({ kind: 'line', points, color: COLORS.accent });
      }
    }
  }

  const findings = findingViews(snapshot, reader);
  if (findings.length > 0) {
    advance(48);
    text(t('panelFindings'), MARGIN, FONTS.heading);
    for (const finding of findings.slice(0, MAX_FINDINGS)) {
      advance(28);
      const color = finding.severity === 'critical' ? COLORS.critical : COLORS.text;
      text(
        ellipsis(
          t('snapshotFindingHeading', t(keyFor('severity', finding.severity)), finding.subject),
          FONTS.strong,
          WIDTH - 2 * MARGIN,
          measure,
        ),
        MARGIN,
        FONTS.strong,
        color,
      );
      const lines = wrap(finding.sentence, FONTS.body, WIDTH - 2 * MARGIN, measure);
      for (const part of lines.slice(0, 3)) {
        advance(22);
        text(part, MARGIN, FONTS.body);
      }
    }
    if (findings.length > MAX_FINDINGS) {
      advance(28);
      text(
        t('snapshotMoreFindings', findings.length - MAX_FINDINGS),
        MARGIN,
        FONTS.body,
        COLORS.muted,
      );
    }
  }
  return { width: WIDTH, height: y + MARGIN, ops };
}

/** The subset of a 2D canvas context the card needs (OffscreenCanvas or HTML canvas). */
export type CardContext = Pick<
  OffscreenCanvasRenderingContext2D,
  | 'fillStyle'
  | 'strokeStyle'
  | 'font'
  | 'textAlign'
  | 'lineWidth'
  | 'fillRect'
  | 'fillText'
  | 'beginPath'
  | 'moveTo'
  | 'lineTo'
  | 'stroke'
>;

export function paintCard(context: CardContext, card: Card): void {
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, card.width, card.height);
  for (const op of card.ops) {
    if (op.kind === 'text') {
      context.font = op.font;
      context.fillStyle = op.color;
      context.textAlign = op.align ?? 'left';
      context.fillText(op.text, op.x, op.y);
      continue;
    }
    context.strokeStyle = op.color;
    context.lineWidth = op.kind === 'rule' ? 1 : 2;
    context.beginPath();
    const points: readonly Point[] =
      op.kind === 'rule'
        ? [
            [MARGIN, op.y],
            [card.width - MARGIN, op.y],
          ]
        : op.points;
    points.forEach(([x, y], index) => (index === 0 ? context.moveTo(x, y) : context.lineTo(x, y)));
    context.stroke();
  }
}

/** A Chinese or Japanese character with the punctuation after it, or a word with its spaces. */
const BREAKABLE =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]\p{P}*\s*|[^\s\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+\s*|\s+/gu;

/**
 * Lines of at most `width`, broken where the language allows: at spaces, and between the
 * characters of Chinese, which puts no spaces between its words (never before punctuation).
 */
function wrap(text: string, font: string, width: number, measure: MeasureText): string[] {
  const lines: string[] = [];
  let line = '';
  for (const unit of text.replace(/\s+/g, ' ').trim().match(BREAKABLE) ?? []) {
    const candidate = line + unit;
    if (line && measure(candidate.trimEnd(), font) > width) {
      lines.push(line.trimEnd());
      line = unit;
    } else {
      line = candidate;
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines.map((part) => ellipsis(part, font, width, measure));
}

/** Cuts a text that does not fit, with "…"; names can be hundreds of characters long. */
function ellipsis(text: string, font: string, width: number, measure: MeasureText): string {
  if (measure(text, font) <= width) return text;
  let kept = text;
  while (kept.length > 0 && measure(`${kept}…`, font) > width) kept = kept.slice(0, -1);
  return `${kept}…`;
}
