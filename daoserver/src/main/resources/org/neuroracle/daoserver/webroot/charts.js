// Shared helpers of the DAO pages: DOM building, number formatting with units, labelled inline-SVG charts.
// Plain JS, no libraries, nothing loaded from outside the node.
'use strict';

const NR = (() => {
  const SVG_NS = 'http://www.w3.org/2000/svg';

  function svgEl(name, attrs, parent) {
    const e = document.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (parent) parent.appendChild(e);
    return e;
  }

  function h(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'text') e.textContent = v; else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c);
    return e;
  }

  async function getJson(path) {
    const r = await fetch(path, { headers: { accept: 'application/json' } });
    const body = await r.json().catch(() => null);
    if (!r.ok) throw new Error((body && body.detail) || (path + ': HTTP ' + r.status));
    return body;
  }

  /** A token amount (decimal string or number) with thousands separators and its unit. */
  function amount(x, unit, digits) {
    if (x === null || x === undefined || x === '') return 'unknown';
    const n = Number(x);
    const d = digits !== undefined ? digits : (Math.abs(n) >= 1000 ? 0 : Math.abs(n) >= 1 ? 2 : 4);
    return n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: 0 }) + (unit ? ' ' + unit : '');
  }

  /** Compact amount for axis ticks: 1.2 M, 350 k. */
  function compact(n) {
    const a = Math.abs(n);
    if (a >= 1e9) return (n / 1e9).toPrecision(3) + ' G';
    if (a >= 1e6) return (n / 1e6).toPrecision(3) + ' M';
    if (a >= 1e3) return (n / 1e3).toPrecision(3) + ' k';
    return Number(n.toPrecision(3)).toString();
  }

  function pct(p, digits) { return p === null || p === undefined ? 'n/a' : (100 * p).toFixed(digits === undefined ? 1 : digits) + ' %'; }

  /** Seconds as days/hours/minutes. */
  function duration(s) {
    if (s === null || s === undefined) return 'unknown';
    s = Math.round(Number(s));
    const d = Math.floor(s / 86400), hr = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
    if (d > 0) return d + ' d ' + hr + ' h';
    if (hr > 0) return hr + ' h ' + m + ' min';
    return m + ' min';
  }

  function days(x) { return x === null || x === undefined ? 'not exhausted' : Number(x).toLocaleString('en-US', { maximumFractionDigits: 0 }) + ' days'; }

  function date(epochS) { return new Date(epochS * 1000).toISOString().slice(0, 10); }

  function joules(j) {
    if (j === null || j === undefined) return 'n/a';
    const units = [['J', 1], ['mJ', 1e-3], ['µJ', 1e-6], ['nJ', 1e-9], ['pJ', 1e-12]];
    for (const [u, f] of units) if (Math.abs(j) >= f) return (j / f).toPrecision(3) + ' ' + u;
    return j.toExponential(2) + ' J';
  }

  /**
   * An accessible chart: <svg role="img"> scaled to its container (viewBox), named by a <title> and described by
   * a <desc>, with linear axes. Returns {svg, x, y, W, H, m}.
   */
  function chart(parent, opts) {
    // Drawn at the container's width (not scaled down), so that labels keep their size on a phone.
    const W = opts.width || Math.max(300, Math.min(760, Math.floor(parent.clientWidth || 640))), H = opts.height || 260;
    const id = 'c' + Math.random().toString(36).slice(2, 9);
    const svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': id + 't ' + id + 'd', class: 'chart',
      preserveAspectRatio: 'xMidYMid meet' });
    svgEl('title', { id: id + 't' }, svg).textContent = opts.title;
    svgEl('desc', { id: id + 'd' }, svg).textContent = opts.desc || '';
    parent.append(svg);
    const m = Object.assign({ l: 64, r: 28, t: 12, b: 38 }, opts.margin || {});
    const [x0, x1] = opts.x, [y0, y1] = opts.y;
    const x = v => m.l + (v - x0) / ((x1 - x0) || 1) * (W - m.l - m.r);
    const y = v => H - m.b - (v - y0) / ((y1 - y0) || 1) * (H - m.t - m.b);
    for (const t of opts.yticks || []) {
      svgEl('line', { class: 'gridline', x1: m.l, x2: W - m.r, y1: y(t.v), y2: y(t.v) }, svg);
      label(svg, m.l - 6, y(t.v) + 4, t.label, 'end');
    }
    // A tick label near the right edge ends there instead of running out of the chart.
    for (const t of opts.xticks || []) label(svg, x(t.v), H - m.b + 16, t.label, x(t.v) > W - m.r - 36 ? 'end' : 'middle');
    svgEl('line', { class: 'axis', x1: m.l, x2: W - m.r, y1: H - m.b, y2: H - m.b }, svg);
    svgEl('line', { class: 'axis', x1: m.l, x2: m.l, y1: m.t, y2: H - m.b }, svg);
    if (opts.xlabel) label(svg, (W + m.l) / 2, H - 4, opts.xlabel, 'middle');
    if (opts.ylabel) {
      const yl = label(svg, 12, (H - m.b + m.t) / 2, opts.ylabel, 'middle');
      yl.setAttribute('transform', `rotate(-90 12 ${(H - m.b + m.t) / 2})`);
    }
    return { svg, x, y, W, H, m };
  }

  function label(parent, x, y, s, anchor) {
    const t = svgEl('text', { x, y, 'text-anchor': anchor || 'start' }, parent);
    t.textContent = s;
    return t;
  }

  /** Ticks at round values between lo and hi. */
  function ticks(lo, hi, n, fmt) {
    const span = hi - lo || 1, raw = span / (n || 4), mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map(k => k * mag).find(s => s >= raw) || raw;
    const out = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9 * span; v += step) out.push({ v, label: (fmt || compact)(v) });
    // Compact labels keep 3 digits; where that makes neighbours equal (a narrow range at a high level), write them in full.
    if (!fmt && new Set(out.map(t => t.label)).size < out.length) {
      const digits = Math.max(0, -Math.floor(Math.log10(step)));
      for (const t of out) t.label = t.v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    }
    return out;
  }

  function path(points) { return points.map((p, i) => (i ? 'L' : 'M') + p[0].toFixed(1) + ' ' + p[1].toFixed(1)).join(' '); }

  return { svgEl, h, getJson, amount, compact, pct, duration, days, date, joules, chart, label, ticks, path };
})();
