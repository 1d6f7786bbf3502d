import { useId } from "react";

/** One bar: its label, its value (null when the value is not published) and the text shown for it. */
export type Bar = { label: string; value: number | null; text: string };

const width = 640;
const labelWidth = 240;
const valueWidth = 100;
const rowHeight = 28;
const barArea = width - labelWidth - valueWidth;

function shorten(label: string, max = 30): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/**
 * A horizontal bar chart drawn in SVG (role="img", with its title and description) and, beside it,
 * a table with the same numbers: the table is what screen readers and printouts rely on. A bar
 * whose value is not published is drawn as nothing, with its text ("< 5", "secret").
 */
export function BarChart({ title, description, bars, labelHeader, valueHeader }: { title: string; description: string; bars: Bar[]; labelHeader: string; valueHeader: string }) {
  const id = useId();
  const max = Math.max(0, ...bars.map((b) => b.value ?? 0));
  const height = Math.max(1, bars.length) * rowHeight + 8;
  return (
    <figure className="chart">
      <div className="chart-graphic">
        <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} preserveAspectRatio="xMinYMin meet">
          <title id={`${id}-title`}>{title}</title>
          <desc id={`${id}-desc`}>{description}</desc>
          {bars.map((b, i) => {
            const y = 4 + i * rowHeight;
            const w = b.value && max > 0 ? Math.max(2, (b.value / max) * barArea) : 0;
            return (
              <g key={`${b.label}-${i}`}>
                <text x={labelWidth - 8} y={y + rowHeight / 2 + 5} textAnchor="end" className="chart-label">
                  {shorten(b.label)}
                </text>
                <rect x={labelWidth} y={y + 4} width={w} height={rowHeight - 8} className="chart-bar" />
                <text x={labelWidth + w + 6} y={y + rowHeight / 2 + 5} className="chart-value">
                  {b.text}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <div className="table-wrap" role="region" aria-label={`${title} (tableau)`} tabIndex={0}>
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{labelHeader}</th>
              <th scope="col" className="numeric">
                {valueHeader}
              </th>
            </tr>
          </thead>
          <tbody>
            {bars.map((b, i) => (
              <tr key={`${b.label}-${i}`}>
                <th scope="row">{b.label}</th>
                <td className="numeric">{b.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
