// A horizontal bar chart as server-rendered SVG (no script, no external library, CSP-safe: no inline
// styles). Bars are sized by attributes; each row keeps its label and number as text for screen readers.
import { html, type SafeHtml } from '@hireloop/platform/html';

export interface Bar {
  label: string;
  value: number;
}

const ROW_PX = 28;
const LABEL_PX = 180;
const BAR_MAX_PX = 300;

export function barChart(title: string, bars: readonly Bar[]): SafeHtml {
  if (bars.length === 0) return html`<p>No referrals yet.</p>`;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * ROW_PX;
  const width = LABEL_PX + BAR_MAX_PX + 60;
  return html`<svg
    class="bar-chart"
    role="img"
    aria-label="${title}"
    viewBox="0 0 ${String(width)} ${String(height)}"
    width="100%"
    preserveAspectRatio="xMinYMin meet"
  >
    <title>${title}</title>
    ${bars.map((b, i) => {
      const y = i * ROW_PX;
      const w = Math.max(2, Math.round((b.value / max) * BAR_MAX_PX));
      const label = b.label.length > 26 ? `${b.label.slice(0, 25)}…` : b.label;
      return html`<g>
        <text x="0" y="${String(y + 18)}" font-size="13" fill="currentColor">${label}</text>
        <rect
          x="${String(LABEL_PX)}"
          y="${String(y + 5)}"
          width="${String(w)}"
          height="18"
          rx="3"
          fill="#4f46e5"
        ></rect>
        <text x="${String(LABEL_PX + w + 6)}" y="${String(y + 18)}" font-size="13" fill="currentColor"
          >${String(b.value)}</text
        >
      </g>`;
    })}
  </svg>`;
}
