import type { Translate } from './translate';

/** One KPI as display text: the caller formats, the table only lays out. */
export interface KpiRow {
  readonly key: string;
  readonly label: string;
  readonly current: string;
  readonly previous: string;
  readonly change: string;
}

interface KpiTableProps {
  readonly t: Translate;
  readonly caption: string;
  readonly rows: readonly KpiRow[];
  readonly rowTestId: string;
}

/** KPIs of this period against the previous one. Every cell is text, never markup. */
export function KpiTable({ caption, rows, rowTestId, t }: KpiTableProps) {
  if (rows.length === 0) return <p class="muted">{t('kpisNone')}</p>;
  return (
    <table class="kpis">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('kpiColumnMetric')}</th>
          <th scope="col">{t('kpiColumnCurrent')}</th>
          <th scope="col">{t('kpiColumnPrevious')}</th>
          <th scope="col">{t('kpiColumnChange')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} data-testid={rowTestId} data-metric={row.key}>
            <th scope="row">{row.label}</th>
            <td>{row.current}</td>
            <td>{row.previous}</td>
            <td>{row.change}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
