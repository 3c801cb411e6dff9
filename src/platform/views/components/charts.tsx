/**
 * Small server-rendered SVG charts. Each is an image with a text alternative (`role="img"`,
 * a title and a description) and is always shown next to a table of the same figures, which
 * is the accessible way to read them. Colours come from presentation attributes (the CSP
 * forbids inline styles) and pass 3:1 contrast against white.
 */
const BAR = '#0b5a8a';
const BAR_SECOND = '#505a5f';
const AXIS = '#505a5f';

export interface BarDatum {
  label: string;
  value: number;
}

export function BarChart({
  id,
  title,
  description,
  data,
  formatValue = String,
}: {
  id: string;
  title: string;
  description: string;
  data: readonly BarDatum[];
  formatValue?: (n: number) => string;
}) {
  const width = 720;
  const height = 260;
  const top = 24;
  const bottom = 40;
  const left = 12;
  const plotHeight = height - top - bottom;
  const max = Math.max(1, ...data.map((d) => d.value));
  const slot = (width - left * 2) / Math.max(1, data.length);
  const barWidth = Math.max(4, Math.min(48, slot * 0.6));
  return (
    <svg
      class="smb-chart"
      id={id}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <line x1={left} y1={top + plotHeight} x2={width - left} y2={top + plotHeight} stroke={AXIS} stroke-width="1" />
      {data.map((d, i) => {
        const h = Math.round((d.value / max) * plotHeight);
        const x = left + i * slot + (slot - barWidth) / 2;
        const y = top + plotHeight - h;
        return (
          <g>
            <rect x={x} y={y} width={barWidth} height={h} fill={BAR} />
            <text x={x + barWidth / 2} y={y - 6} text-anchor="middle" font-size="13" fill="#0b0c0c">
              {formatValue(d.value)}
            </text>
            <text x={x + barWidth / 2} y={height - bottom + 18} text-anchor="middle" font-size="12" fill="#0b0c0c">
              {d.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Two or more horizontal bars that share one scale, e.g. decided automatically vs by a caseworker. */
export function HorizontalBars({
  id,
  title,
  description,
  data,
}: {
  id: string;
  title: string;
  description: string;
  data: readonly BarDatum[];
}) {
  const width = 720;
  const rowHeight = 36;
  const labelWidth = 200;
  const height = data.length * rowHeight + 8;
  const max = Math.max(1, ...data.map((d) => d.value));
  return (
    <svg
      class="smb-chart"
      id={id}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {data.map((d, i) => {
        const w = Math.round((d.value / max) * (width - labelWidth - 60));
        const y = 4 + i * rowHeight;
        return (
          <g>
            <text x={0} y={y + 22} font-size="14" fill="#0b0c0c">
              {d.label}
            </text>
            <rect x={labelWidth} y={y + 6} width={w} height={rowHeight - 12} fill={i === 0 ? BAR : BAR_SECOND} />
            <text x={labelWidth + w + 8} y={y + 22} font-size="14" fill="#0b0c0c">
              {String(d.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
