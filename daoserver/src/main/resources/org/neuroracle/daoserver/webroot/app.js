// Neuroracle dashboard: plain JS, SVG and canvas, data from the node's own API only (no CDN, no libraries).
'use strict';

const SVG_NS = 'http://www.w3.org/2000/svg';
const PALETTE = ['#2f6fdf', '#d35400', '#27ae60', '#8e44ad', '#c0392b', '#16a085', '#7f8c8d', '#f39c12'];

function el(name, attrs, parent) {
  const e = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (parent) parent.appendChild(e);
  return e;
}

function text(parent, x, y, s, anchor) {
  const t = el('text', { x, y, 'text-anchor': anchor || 'start' }, parent);
  t.textContent = s;
  return t;
}

async function getJson(path) {
  const r = await fetch(path, { headers: { accept: 'application/json' } });
  if (!r.ok) throw new Error(path + ': HTTP ' + r.status);
  return r.json();
}

function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

function fmt(x, digits) { return x === null || x === undefined ? '–' : Number(x).toFixed(digits === undefined ? 3 : digits); }

function fmtJoules(j) {
  if (j === null || j === undefined) return 'n/a';
  const units = [['J', 1], ['mJ', 1e-3], ['µJ', 1e-6], ['nJ', 1e-9], ['pJ', 1e-12]];
  for (const [u, f] of units) if (Math.abs(j) >= f) return (j / f).toPrecision(3) + ' ' + u;
  return j.toExponential(2) + ' J';
}

/** Axes with a linear scale: returns {x(v), y(v)} mapping data to pixels inside the margins. */
function frame(svg, xmin, xmax, ymin, ymax, xlabel, ylabel, yticks) {
  const W = +svg.getAttribute('width'), H = +svg.getAttribute('height');
  const m = { l: 66, r: 16, t: 12, b: 36 };
  const x = v => m.l + (v - xmin) / (xmax - xmin || 1) * (W - m.l - m.r);
  const y = v => H - m.b - (v - ymin) / (ymax - ymin || 1) * (H - m.t - m.b);
  for (const t of yticks) {
    el('line', { class: 'gridline', x1: m.l, x2: W - m.r, y1: y(t.v), y2: y(t.v) }, svg);
    text(svg, m.l - 6, y(t.v) + 4, t.label, 'end');
  }
  el('line', { class: 'axis', x1: m.l, x2: W - m.r, y1: H - m.b, y2: H - m.b }, svg);
  el('line', { class: 'axis', x1: m.l, x2: m.l, y1: m.t, y2: H - m.b }, svg);
  text(svg, (W + m.l) / 2, H - 6, xlabel, 'middle');
  const yl = text(svg, 12, (H - m.b + m.t) / 2, ylabel, 'middle');
  yl.setAttribute('transform', `rotate(-90 12 ${(H - m.b + m.t) / 2})`);
  return { x, y, W, H, m };
}

// ---- proposals -------------------------------------------------------------------------------------------

function renderProposals(rows) {
  const svg = document.getElementById('pass-chart');
  const tbody = document.querySelector('#proposal-table tbody');
  clear(svg); clear(tbody);
  const byProposal = new Map();
  for (const row of rows) {
    const a = row.response && row.response.answer;
    if (!a || !a.pPass) continue;
    const key = a.dao + '/' + a.proposalId;
    if (!byProposal.has(key)) byProposal.set(key, []);
    byProposal.get(key).push({ elapsed: a.elapsed, p: a.pPass.value, lo: a.pPass.lower, hi: a.pPass.upper, asOf: a.asOf, id: row.id });
  }
  const ticks = [0, 0.25, 0.5, 0.75, 1].map(v => ({ v, label: v.toFixed(2) }));
  const f = frame(svg, 0, 1, 0, 1, 'fraction of the voting window elapsed', 'P(pass)', ticks);
  svg.setAttribute('data-proposals', byProposal.size);
  if (byProposal.size === 0) {
    text(svg, f.W / 2, f.H / 2, 'no vote forecasts journaled yet', 'middle');
    return;
  }
  let i = 0;
  for (const [key, pts] of byProposal) {
    pts.sort((a, b) => a.elapsed - b.elapsed || a.id - b.id);
    const color = PALETTE[i++ % PALETTE.length];
    const g = el('g', { class: 'proposal', 'data-proposal': key, 'data-points': pts.length }, svg);
    if (pts.length > 1) {
      const upper = pts.map(p => `${f.x(p.elapsed)},${f.y(p.hi)}`);
      const lower = pts.slice().reverse().map(p => `${f.x(p.elapsed)},${f.y(p.lo)}`);
      el('polygon', { class: 'band', points: upper.concat(lower).join(' '), style: `fill:${color};opacity:0.15` }, g);
      el('polyline', { class: 'proposal-line', points: pts.map(p => `${f.x(p.elapsed)},${f.y(p.p)}`).join(' '),
        style: `fill:none;stroke:${color};stroke-width:2` }, g);
    }
    for (const p of pts) {
      el('line', { x1: f.x(p.elapsed), x2: f.x(p.elapsed), y1: f.y(p.lo), y2: f.y(p.hi), style: `stroke:${color};opacity:0.5` }, g);
      const c = el('circle', { class: 'pass-point', cx: f.x(p.elapsed), cy: f.y(p.p), r: 3.5, style: `fill:${color}` }, g);
      const t = el('title', {}, c);
      t.textContent = `${key} at ${(100 * p.elapsed).toFixed(0)}%: P(pass) ${fmt(p.p)} [${fmt(p.lo)}, ${fmt(p.hi)}]`;
    }
    const last = pts[pts.length - 1];
    const tr = document.createElement('tr');
    tr.className = 'proposal-row';
    tr.dataset.proposal = key;
    const [dao, ...rest] = key.split('/');
    for (const s of [dao, rest.join('/'), String(pts.length), fmt(last.p), (100 * last.elapsed).toFixed(0) + '%']) {
      const td = document.createElement('td');
      td.textContent = s;
      tr.appendChild(td);
    }
    tr.firstChild.style.borderLeft = `4px solid ${color}`;
    tbody.appendChild(tr);
  }
}

// ---- treasury fan ----------------------------------------------------------------------------------------

function renderTreasury(row) {
  const svg = document.getElementById('fan-chart');
  const summary = document.getElementById('treasury-summary');
  clear(svg);
  if (!row) {
    const f = frame(svg, 0, 1, 0, 1, 'day', 'balance', []);
    text(svg, f.W / 2, f.H / 2, 'no treasury forecasts journaled yet', 'middle');
    summary.textContent = '';
    svg.setAttribute('data-horizons', 0);
    return;
  }
  const a = row.response.answer;
  const series = row.request.series || [];
  const hasBalance = series.length > 0 && series[series.length - 1].balance !== null && series[series.length - 1].balance !== undefined
    && a.horizons.every(h => h.balance);
  // Without balances the chart shows cumulative net flow (inflow - outflow) instead.
  const hist = [];
  let cum = 0;
  // A row of a periodic series (periodDays: Cardano's 5-day epochs) ends P days after the one before; lastDate is
  // the last row's last day, so row i of the tail sits (i - len + 1) * P days from it.
  const per = row.request.periodDays || 1;
  const tail = series.slice(-Math.max(2, Math.ceil(60 / per)));
  for (let i = 0; i < tail.length; i++) {
    const d = tail[i], day = (i - tail.length + 1) * per;
    if (hasBalance) hist.push({ day, v: Number(d.balance) });
    else { cum += Number(d.inflow) - Number(d.outflow); hist.push({ day, v: cum }); }
  }
  const base = hist.length ? hist[hist.length - 1].v : 0;
  const fan = a.horizons.map(h => {
    if (hasBalance) return { day: h.days, p10: h.balance.p10, p50: h.balance.p50, p90: h.balance.p90 };
    return { day: h.days, p10: base + h.inflow.p10 - h.outflow.p90, p50: base + h.inflow.p50 - h.outflow.p50, p90: base + h.inflow.p90 - h.outflow.p10 };
  });
  const all = hist.map(p => p.v).concat(fan.flatMap(p => [p.p10, p.p90]));
  let ymin = Math.min(...all), ymax = Math.max(...all);
  if (ymin === ymax) { ymin -= 1; ymax += 1; }
  const pad = 0.05 * (ymax - ymin);
  ymin -= pad; ymax += pad;
  const xmin = hist.length ? hist[0].day : 0, xmax = Math.max(30, ...fan.map(p => p.day));
  const ticks = [0, 0.25, 0.5, 0.75, 1].map(t => { const v = ymin + t * (ymax - ymin); return { v, label: Number(v.toPrecision(3)).toLocaleString('en') }; });
  const f = frame(svg, xmin, xmax, ymin, ymax, `days from ${a.lastDate}`, hasBalance ? `${a.asset} balance` : `${a.asset} cumulative net flow`, ticks);
  el('line', { class: 'gridline', x1: f.x(0), x2: f.x(0), y1: f.m.t, y2: f.H - f.m.b, style: 'stroke-dasharray:4 3' }, svg);
  if (hist.length > 1) el('polyline', { class: 'history', points: hist.map(p => `${f.x(p.day)},${f.y(p.v)}`).join(' ') }, svg);
  const pts = [{ day: 0, p10: base, p50: base, p90: base }].concat(fan);
  const upper = pts.map(p => `${f.x(p.day)},${f.y(p.p90)}`);
  const lower = pts.slice().reverse().map(p => `${f.x(p.day)},${f.y(p.p10)}`);
  el('polygon', { class: 'band fan-band', points: upper.concat(lower).join(' ') }, svg);
  el('polyline', { class: 'median fan-median', points: pts.map(p => `${f.x(p.day)},${f.y(p.p50)}`).join(' ') }, svg);
  for (const p of fan) {
    el('circle', { class: 'fan-point', cx: f.x(p.day), cy: f.y(p.p50), r: 3, style: 'fill:#2f6fdf' }, svg);
    text(svg, f.x(p.day), f.y(p.p90) - 6, `${p.day}d`, 'middle');
  }
  svg.setAttribute('data-horizons', fan.length);
  svg.setAttribute('data-history-days', hist.length ? -hist[0].day : 0); // days of history drawn before lastDate
  summary.textContent = `${a.dao} ${a.asset}: ` + fan.map(p => `${p.day}d median ${Number(p.p50.toPrecision(4)).toLocaleString('en')}`).join(', ')
    + (a.runwayDays !== null && a.runwayDays !== undefined ? `; runway ${fmt(a.runwayDays, 1)} days` : '; no net burn');
}

// ---- raster ----------------------------------------------------------------------------------------------

function renderRaster(data) {
  const canvas = document.getElementById('raster-canvas');
  const summary = document.getElementById('raster-summary');
  const ctx = canvas.getContext('2d');
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  if (!data) {
    summary.textContent = 'no forecast to show yet';
    canvas.dataset.spikes = 0;
    return;
  }
  const r = data.raster;
  const offsets = [];
  let total = 0;
  for (const s of r.sizes) { offsets.push(total); total += s; }
  const n = r.spikes.step.length;
  const W = canvas.width, H = canvas.height, left = 40, bottom = 18;
  const xs = s => left + (s + 0.5) / Math.max(1, r.steps) * (W - left - 4);
  const ys = row => 4 + (row + 0.5) / Math.max(1, total) * (H - bottom - 8);
  ctx.fillStyle = '#9aa3b2';
  ctx.font = '11px system-ui, sans-serif';
  for (let p = 0; p < r.populations.length; p++) {
    ctx.fillText(r.populations[p], 2, ys(offsets[p] + r.sizes[p] / 2) + 4);
    if (p > 0) { ctx.fillRect(left, ys(offsets[p]) - 1, W - left, 1); }
  }
  ctx.fillText(`step 0 … ${r.steps} (dt ${r.dtMs} ms)`, left, H - 4);
  for (let k = 0; k < n; k++) {
    const p = r.spikes.population[k];
    ctx.fillStyle = PALETTE[p % PALETTE.length];
    ctx.fillRect(xs(r.spikes.step[k]) - 1, ys(offsets[p] + r.spikes.neuron[k]) - 1, 2, 2);
  }
  canvas.dataset.spikes = n;
  summary.textContent = `${n} spikes across ${total} neurons (${r.populations.map((p, i) => p + ' ' + r.sizes[i]).join(', ')}), `
    + `${r.steps} steps, journal row ${data.id} (${data.kind} forecast)`;
}

// ---- energy ----------------------------------------------------------------------------------------------

function renderEnergy(row) {
  const svg = document.getElementById('energy-chart');
  clear(svg);
  const energy = row ? (row.response.energy || []) : [];
  svg.setAttribute('data-profiles', energy.length);
  if (energy.length === 0) {
    const f = frame(svg, 0, 1, 0, 1, 'profile', 'energy', []);
    text(svg, f.W / 2, f.H / 2, row ? 'the forecast carried no energy estimates' : 'no forecasts journaled yet', 'middle');
    return;
  }
  // Only complete estimates are charted (a bar with its lower-upper whisker); an incomplete one is a grey stub whose
  // tooltip says what is missing, so a partial sum never looks comparable to a full one.
  const charted = e => e.complete === true && e.joules !== null && e.joules > 0;
  const vals = energy.filter(charted).flatMap(e => [e.joules, e.lowerJoules, e.upperJoules]).filter(v => v !== null && v > 0);
  if (vals.length === 0) vals.push(1e-9, 1);
  const lo = Math.floor(Math.log10(Math.min(...vals))), hi = Math.ceil(Math.log10(Math.max(...vals))) + (vals.length ? 0 : 1);
  const ticks = [];
  for (let d = lo; d <= Math.max(hi, lo + 1); d++) ticks.push({ v: d, label: fmtJoules(Math.pow(10, d)) });
  const W = +svg.getAttribute('width');
  const H = +svg.getAttribute('height');
  const m = { l: 64, r: 10, t: 10, b: 90 };
  const bw = (W - m.l - m.r) / energy.length;
  const y = v => H - m.b - (v - lo) / (Math.max(hi, lo + 1) - lo) * (H - m.t - m.b);
  for (const t of ticks) {
    el('line', { class: 'gridline', x1: m.l, x2: W - m.r, y1: y(t.v), y2: y(t.v) }, svg);
    text(svg, m.l - 6, y(t.v) + 4, t.label, 'end');
  }
  energy.forEach((e, i) => {
    const x = m.l + i * bw;
    const label = text(svg, x + bw / 2, H - m.b + 12, e.profile, 'end');
    label.setAttribute('transform', `rotate(-40 ${x + bw / 2} ${H - m.b + 12})`);
    if (charted(e)) {
      const bar = el('rect', { class: 'energy-bar', 'data-profile': e.profile, 'data-joules': e.joules,
        x: x + bw * 0.15, width: bw * 0.7, y: y(Math.log10(e.joules)), height: H - m.b - y(Math.log10(e.joules)) }, svg);
      el('title', {}, bar).textContent = `${e.displayName}: ${fmtJoules(e.joules)} [${fmtJoules(e.lowerJoules)}, ${fmtJoules(e.upperJoules)}] (${e.kind}, ${e.boundary})`;
      if (e.lowerJoules > 0 && e.upperJoules > 0)
        el('line', { class: 'energy-bounds', x1: x + bw / 2, x2: x + bw / 2, y1: y(Math.log10(e.lowerJoules)), y2: y(Math.log10(e.upperJoules)) }, svg);
    } else {
      const stub = el('rect', { class: 'energy-missing', 'data-profile': e.profile, x: x + bw * 0.15, width: bw * 0.7, y: H - m.b - 2, height: 2, style: 'fill:#ccc' }, svg);
      el('title', {}, stub).textContent = `${e.displayName}: incomplete estimate, not charted: ${(e.missing || []).join('; ')}`;
    }
  });
  el('line', { class: 'axis', x1: m.l, x2: W - m.r, y1: H - m.b, y2: H - m.b }, svg);
}

// ---- oracle log ------------------------------------------------------------------------------------------

function short(s) { return s && s.length > 14 ? s.slice(0, 8) + '…' + s.slice(-4) : (s || '–'); }

function renderOracle(requests) {
  const tbody = document.querySelector('#oracle-table tbody');
  clear(tbody);
  document.getElementById('oracle-empty').hidden = requests.length > 0;
  for (const q of requests) {
    const tr = document.createElement('tr');
    tr.className = 'oracle-row';
    tr.dataset.status = q.status;
    for (const [s, mono] of [[short(q.requestId), true], [q.kind, false], [short(q.requester), true], [q.status, false],
      [String(q.blockNumber), false], [short(q.attestationDigest), true]]) {
      const td = document.createElement('td');
      td.textContent = s;
      if (mono) td.className = 'mono';
      tr.appendChild(td);
    }
    tr.title = q.detail || '';
    tbody.appendChild(tr);
  }
}

// ---- main ------------------------------------------------------------------------------------------------

async function refresh() {
  const node = document.getElementById('node');
  try {
    const health = await getJson('/health');
    node.textContent = `node ${health.node} · journal rows ${health.journal.rowsCommitted} this run · ${health.forecastModels + ' forecast models'}`;
  } catch (e) {
    node.textContent = 'node unreachable: ' + e.message;
  }
  const tasks = [
    getJson('/v1/journal?endpoint=vote&limit=200').then(j => renderProposals(j.rows)),
    getJson('/v1/journal?endpoint=treasury&limit=1').then(j => renderTreasury(j.rows[0])),
    getJson('/v1/journal?limit=50').then(async j => {
      const latest = j.rows.find(r => r.endpoint === 'vote' || r.endpoint === 'treasury');
      renderEnergy(latest);
      renderRaster(latest ? await getJson(`/v1/journal/${latest.id}/raster`) : null);
    }),
    getJson('/v1/oracle/requests?limit=50').then(j => renderOracle(j.requests)),
  ];
  const results = await Promise.allSettled(tasks);
  const failed = results.filter(r => r.status === 'rejected').map(r => r.reason.message);
  document.body.dataset.loaded = failed.length ? 'partial' : 'yes';
  if (failed.length) node.textContent += ' · errors: ' + failed.join('; ');
}

refresh();
setInterval(refresh, 5000);
