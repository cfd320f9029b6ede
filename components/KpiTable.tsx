/** One KPI as display text: the caller formats, the table only lays out. */
export interface KpiRow {
  readonly key: string;
  readonly label: string;
  readonly current: string;
  readonly previous: string;
  readonly change: string;
}

interface KpiTableProps {
  readonly caption: string;
  readonly rows: readonly KpiRow[];
  readonly rowTestId: string;
}

/** KPIs of this period against the previous one. Every cell is text, never markup. */
export function KpiTable({ caption, rows, rowTestId }: KpiTableProps) {
  if (rows.length === 0) return <p class="muted">No KPIs.</p>;
  return (
    <table class="kpis">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col">This period</th>
          <th scope="col">Previous period</th>
          <th scope="col">Change</th>
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
