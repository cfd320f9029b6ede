import { useState } from 'preact/hooks';
import type { Translate } from './translate';

/**
 * The corner panel's account of the table: rows seen, recognised and badged, and, in a media
 * buyer's words, what Adlens could not do there; with the layout report to copy for a bug report.
 */
export interface RecognitionView {
  /** `no-table`: no table on the page; `no-rows`: a table, but no rows Adlens can read. */
  readonly problem: 'no-table' | 'no-rows' | undefined;
  readonly seen: number;
  readonly identified: number;
  readonly badged: number;
  /** Rows without a name cell to put a badge in. */
  readonly noPlace: number;
  /** Whether the page gives no ids, so rows are matched by name. */
  readonly byName: boolean;
}

interface RecognitionStatusProps {
  readonly t: Translate;
  readonly view: RecognitionView;
  /** The layout report, built when asked for. */
  readonly report: () => string;
}

function problems(view: RecognitionView, t: Translate): string[] {
  if (view.problem === 'no-table') return [t('recognitionNoTable')];
  if (view.problem === 'no-rows') return [t('overlayNoRows')];
  const said: string[] = [];
  const unknown = view.seen - view.identified;
  if (unknown > 0) {
    said.push(
      t(view.byName ? 'recognitionUnmatchedNames' : 'recognitionUnidentifiedRows', unknown),
    );
  }
  if (view.noPlace > 0) said.push(t('recognitionNoPlace', view.noPlace));
  return said;
}

export function RecognitionStatus({ t, view, report }: RecognitionStatusProps) {
  const [copied, setCopied] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  function copy() {
    const text = report();
    setShown(text);
    // Shown as well, to select by hand where the page's clipboard is not ours to write.
    void navigator.clipboard?.writeText(text).then(
      () => setCopied(true),
      () => undefined,
    );
  }
  return (
    <section class="recognition" data-testid="recognition-status">
      <p
        data-testid="recognition-counts"
        data-seen={view.seen}
        data-identified={view.identified}
        data-badged={view.badged}
      >
        {t('recognitionCounts', view.seen, view.identified, view.badged)}
      </p>
      {problems(view, t).map((text) => (
        <p key={text} class="problem" data-testid="recognition-problem">
          {text}
        </p>
      ))}
      <button type="button" data-testid="copy-layout-report" onClick={copy}>
        {t('layoutReportCopy')}
      </button>
      {shown !== null && (
        <>
          <p role="status">{t(copied ? 'layoutReportCopied' : 'layoutReportNote')}</p>
          <textarea
            readOnly
            rows={6}
            data-testid="layout-report"
            aria-label={t('layoutReportLabel')}
          >
            {shown}
          </textarea>
        </>
      )}
    </section>
  );
}
