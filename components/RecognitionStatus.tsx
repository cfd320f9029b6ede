import { useState } from 'preact/hooks';

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
  readonly view: RecognitionView;
  /** The layout report, built when asked for. */
  readonly report: () => string;
}

function problems(view: RecognitionView): string[] {
  if (view.problem === 'no-table') return ['Adlens can’t find the campaigns table on this page.'];
  if (view.problem === 'no-rows') return ['Adlens can’t find the table rows on this page.'];
  const said: string[] = [];
  const unknown = view.seen - view.identified;
  if (unknown > 0) {
    said.push(
      view.byName
        ? `${unknown} of these rows show a name Adlens can’t match to one item it synced (not synced yet, or shared by several), so they get no badge.`
        : `Adlens can’t tell which items ${unknown} of these rows show.`,
    );
  }
  if (view.noPlace > 0) {
    said.push(`${view.noPlace} rows have no name cell Adlens can put a badge in.`);
  }
  return said;
}

export function RecognitionStatus({ view, report }: RecognitionStatusProps) {
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
      <p data-testid="recognition-counts">
        Rows: {view.seen} seen · {view.identified} recognised · {view.badged} badged
      </p>
      {problems(view).map((text) => (
        <p key={text} class="problem" data-testid="recognition-problem">
          {text}
        </p>
      ))}
      <button type="button" data-testid="copy-layout-report" onClick={copy}>
        Copy layout report
      </button>
      {shown !== null && (
        <>
          <p role="status">
            {copied ? 'Copied. ' : ''}The table’s structure only: no names, numbers or ids. Nothing
            is sent; paste it into a bug report.
          </p>
          <textarea readOnly rows={6} data-testid="layout-report" aria-label="Layout report">
            {shown}
          </textarea>
        </>
      )}
    </section>
  );
}
