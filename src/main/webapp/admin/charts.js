// Line charts on a canvas: a few series over time, the y axis from 0 to a rounded maximum.

const PADDING = { left: 44, right: 10, top: 10, bottom: 22 };

/** 1, 2 or 5 times a power of ten, at least `value`: gridline steps people read at a glance. */
function niceCeiling(value) {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 5, 10]) if (m * power >= value) return m * power;
  return 10 * power;
}

function formatValue(v) {
  if (v >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
  if (v >= 1e4) return `${Math.round(v / 1e3)}k`;
  return String(Number(v.toFixed(2)));
}

/**
 * Draws `series` ([{label, color, dashed, values}]) against `times` (ms since 1970, one per value) and
 * writes the legend with each series' latest value.
 */
export function drawLineChart(canvas, legend, times, series) {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const g = canvas.getContext('2d');
  g.scale(ratio, ratio);
  g.clearRect(0, 0, width, height);
  g.font = '11px system-ui, sans-serif';

  const plotW = width - PADDING.left - PADDING.right;
  const plotH = height - PADDING.top - PADDING.bottom;
  const max = niceCeiling(Math.max(0, ...series.flatMap((s) => s.values)));
  const t0 = times[0] ?? 0;
  const span = Math.max(1, (times[times.length - 1] ?? 0) - t0);
  const x = (t) => PADDING.left + ((t - t0) / span) * plotW;
  const y = (v) => PADDING.top + plotH - (v / max) * plotH;

  g.strokeStyle = '#d9dee5';
  g.fillStyle = '#667085';
  g.lineWidth = 1;
  for (let i = 0; i <= 4; i += 1) {
    const v = (max / 4) * i;
    g.beginPath();
    g.moveTo(PADDING.left, Math.round(y(v)) + 0.5);
    g.lineTo(width - PADDING.right, Math.round(y(v)) + 0.5);
    g.stroke();
    g.textAlign = 'right';
    g.fillText(formatValue(v), PADDING.left - 6, y(v) + 4);
  }
  if (times.length > 1) {
    g.textAlign = 'left';
    g.fillText(new Date(t0).toLocaleTimeString(), PADDING.left, height - 6);
    g.textAlign = 'right';
    g.fillText(new Date(times[times.length - 1]).toLocaleTimeString(), width - PADDING.right, height - 6);
  }

  g.lineWidth = 2;
  for (const s of series) {
    g.strokeStyle = s.color;
    // a dashed line stays visible where it runs on top of another (a total equal to one part)
    g.setLineDash(s.dashed ? [6, 4] : []);
    g.beginPath();
    s.values.forEach((v, i) => (i === 0 ? g.moveTo(x(times[i]), y(v)) : g.lineTo(x(times[i]), y(v))));
    g.stroke();
  }

  legend.replaceChildren(...series.map((s) => {
    const item = document.createElement('span');
    const swatch = document.createElement('i');
    swatch.style.background = s.color;
    const latest = s.values[s.values.length - 1];
    item.append(swatch, `${s.label}: ${latest === undefined ? '–' : formatValue(latest)}`);
    return item;
  }));
}
