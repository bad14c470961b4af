import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartView } from '../api/statistics';

export type ChartData = ChartView;

const palette = [
  '#0b5c8a',
  '#b35c00',
  '#2e7d32',
  '#6a1b9a',
  '#8a1c1c',
  '#00695c',
  '#4e342e',
  '#37474f',
  '#ad1457',
  '#1565c0',
  '#558b2f',
  '#ef6c00',
  '#5d4037',
];

/** The words for a value of a dimension, from the catalogs the rest of Harbour uses. */
export function useValueName() {
  const { t } = useTranslation();
  return (dim: string, key: string) => {
    if (key === 'unknown') return t('cases.about.unknown');
    const where: Record<string, string> = {
      province: `directory.provinces.${key}`,
      exploitation: `cases.about.forms.${key}`,
      sector: `cases.about.values.${key}`,
      cameThrough: `cases.about.values.${key}`,
      pathway: `cases.pathwayNames.${key}`,
      outcome: `stats.outcomes.${key}`,
      needStatus: `stats.needStatus.${key}`,
      count: 'stats.cases',
      acknowledgement: `stats.ack.${key}`,
      urgency: `referrals.urgencies.${key}`,
    };
    return where[dim] ? t(where[dim], { defaultValue: key }) : key;
  };
}

/**
 * One chart: stacked bars drawn in SVG for the eye, and the same figures as a table for screen
 * readers and for anyone who wants the numbers. A hidden figure is drawn as nothing and written x.
 */
export function Chart({ chart, exportUrl, level = 2 }: { chart: ChartData; exportUrl?: string; level?: 2 | 3 | 4 }) {
  const Heading = level === 4 ? 'h4' : level === 3 ? 'h3' : 'h2';
  const { t } = useTranslation();
  const name = useValueName();
  const title = t(`stats.charts.${chart.id}`);
  const rowSum = (r: number) => (chart.cells[r] ?? []).reduce<number>((s, v) => s + (v ?? 0), 0);
  const max = Math.max(1, ...chart.rows.map((_, r) => rowSum(r)));
  const barHeight = 22;
  const labelWidth = 190;
  const width = 640;
  const height = chart.rows.length * (barHeight + 8) + 8;
  const shown = (value: number | null) => (value === null ? <abbr title={t('stats.hiddenLong')}>x</abbr> : value.toLocaleString());
  // Unique per chart shown: the same chart may be on a page twice (the dashboard and a preview).
  const unique = useId();
  const titleId = `chart-${chart.id}-${unique}`;

  return (
    <section className="chart" aria-labelledby={titleId}>
      <Heading id={titleId}>{title}</Heading>
      {chart.rows.length === 0 ? (
        <p>{t('stats.noData')}</p>
      ) : (
        <>
          <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t('stats.chartAlt', { title })} className="chart-bars">
            {chart.rows.map((row, r) => {
              let x = labelWidth;
              const y = 8 + r * (barHeight + 8);
              return (
                <g key={row}>
                  <text x={labelWidth - 8} y={y + barHeight * 0.7} textAnchor="end" fontSize="13">
                    {name(chart.rowDim, row)}
                  </text>
                  {chart.cols.map((col, c) => {
                    const value = chart.cells[r]?.[c] ?? null;
                    if (!value) return null;
                    const w = (value / max) * (width - labelWidth - 10);
                    const rect = <rect key={col} x={x} y={y} width={w} height={barHeight} fill={palette[c % palette.length]} />;
                    x += w;
                    return rect;
                  })}
                </g>
              );
            })}
          </svg>
          {chart.cols.length > 1 && (
            <ul className="legend" aria-hidden="true">
              {chart.cols.map((col, c) => (
                <li key={col}>
                  <span className="swatch" style={{ background: palette[c % palette.length] }} /> {name(chart.colDim, col)}
                </li>
              ))}
            </ul>
          )}
          <details>
            <summary>{t('stats.asTable')}</summary>
            <table>
              <caption>{title}</caption>
              <thead>
                <tr>
                  <th scope="col">{t(`stats.dims.${chart.rowDim}`)}</th>
                  {chart.cols.map((col) => (
                    <th scope="col" key={col}>
                      {name(chart.colDim, col)}
                    </th>
                  ))}
                  {chart.rowTotals && <th scope="col">{t('stats.total')}</th>}
                </tr>
              </thead>
              <tbody>
                {chart.rows.map((row, r) => (
                  <tr key={row}>
                    <th scope="row">{name(chart.rowDim, row)}</th>
                    {chart.cols.map((col, c) => (
                      <td key={col}>{shown(chart.cells[r]?.[c] ?? null)}</td>
                    ))}
                    {chart.rowTotals && <td>{shown(chart.rowTotals[r] ?? null)}</td>}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('stats.total')}</th>
                  {chart.cols.length > 1 && chart.colTotals
                    ? chart.colTotals.map((value, c) => <td key={chart.cols[c]}>{shown(value)}</td>)
                    : chart.cols.length > 1 && chart.cols.map((col) => <td key={col} />)}
                  <td>{shown(chart.total)}</td>
                </tr>
              </tfoot>
            </table>
          </details>
        </>
      )}
      <p className="muted">
        {chart.suppressed > 0 ? t('stats.hiddenCount', { count: chart.suppressed }) : t('stats.noneHidden')}
        {exportUrl && (
          <>
            {' '}
            <a href={exportUrl} download>
              {t('stats.csv')}
            </a>
          </>
        )}
      </p>
    </section>
  );
}
