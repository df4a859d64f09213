// One DAO's page (dao.html?dao=NAME): treasury, governance parameters, live actions, history with reliability,
// the neuromorphic side of a chosen forecast, the oracle's requests. Every number comes from the node's JSON API.
'use strict';

(async () => {
  const { h, svgEl, getJson, amount, compact, pct, duration, days, date, joules, chart, label, ticks, path } = NR;
  const dao = new URLSearchParams(location.search).get('dao');
  const main = document.getElementById('main');
  const api = '/v1/daos/' + encodeURIComponent(dao || '');
  const body = id => { const e = document.getElementById(id); e.replaceChildren(); return e; };
  const failures = [];

  function fail(id, e) {
    failures.push(id);
    body(id).append(h('p', { class: 'error', role: 'alert', text: 'Could not load: ' + e.message }));
  }

  if (!dao) {
    main.replaceChildren(h('p', { class: 'error', role: 'alert' }, 'No DAO named: open this page from ', h('a', { href: './', text: 'the DAO list' }), '.'));
    main.setAttribute('data-loaded', 'error');
    return;
  }
  document.title = 'Neuroracle: ' + dao;
  document.getElementById('dao-name').textContent = dao;
  document.getElementById('json-links').append(...['', '/proposals', '/treasury', '/reliability'].flatMap((p, i) =>
    [i ? ' · ' : '', h('a', { href: api + p, text: api + p })]));
  getJson('/health').then(hh => { document.getElementById('node').textContent = 'node ' + hh.node; }).catch(() => {});

  // Cards in a fixed order, filled as their data arrives.
  const cards = document.getElementById('summary');
  for (const [id, key] of [['card-quorum', 'Quorum'], ['card-balance', 'Treasury balance'], ['card-open', 'Open proposals'],
    ['card-brier', 'Brier score'], ['card-proposals', 'Proposals indexed']])
    cards.append(h('div', { class: 'card', id }, h('div', { class: 'k', text: key }), h('div', { class: 'v', text: '…' })));
  function card(key, value, sub, attrs) {
    const e = h('div', Object.assign({ class: 'card' }, attrs || {}), h('div', { class: 'k', text: key }),
      h('div', { class: 'v', text: value }), sub ? h('div', { class: 's', text: sub }) : null);
    const old = attrs && attrs.id && document.getElementById(attrs.id);
    if (old) old.replaceWith(e); else cards.append(e);
  }

  // ---- governance parameters -----------------------------------------------------------------------------
  const NAMES = { quorum: 'Quorum', votingDelaySeconds: 'Voting delay', votingPeriodSeconds: 'Voting period',
    proposalThreshold: 'Proposal threshold', timelockDelaySeconds: 'Timelock delay' };
  function paramValue(p) {
    if (p.value === null || p.value === undefined) return 'unknown';
    if (p.unit === 's') return Number(p.value) < 60 ? amount(p.value, 's') : duration(p.value) + ' (' + amount(p.value, 's') + ')';
    return amount(p.value, p.unit);
  }
  const shortAddr = a => a && a.length > 14 ? a.slice(0, 6) + '…' + a.slice(-4) : (a || '–');
  /** Where a parameter came from: the file, or the chain call with its contract and block. */
  function sourceCell(p) {
    const s = p.source;
    if (s.kind === 'chain call')
      return [h('span', { class: 'src-kind', text: 'chain call' }), ' ', h('code', { class: 'src-call', text: s.call }),
        ' on ', h('span', { class: 'mono', title: s.contract, text: shortAddr(s.contract) }), ' at block ' + s.block.toLocaleString('en-US'),
        h('details', { class: 'src-detail' }, h('summary', { text: 'returned ' + s.returned.replace(/ base units.*/, ' base units') }),
          h('span', { text: s.contract + ' returned ' + s.returned + '. ' + s.detail + '.' }))];
    return [h('span', { class: 'src-kind', text: s.kind }),
      s.file ? h('span', { class: 'mono', title: s.file, text: ' ' + s.file.split('/').pop() }) : null,
      s.detail ? h('div', { class: 'src-detail', text: s.detail }) : null];
  }
  /** Since when it holds: a date, or for a chain read the block of the event that set it (or "at least since"). */
  function sinceText(p) {
    if (p.sinceBlock === undefined || p.sinceBlock === null) return p.since || 'unknown';
    const b = 'block ' + p.sinceBlock.toLocaleString('en-US') + ' (' + p.since + ')';
    return p.sinceExact ? b + ', set by ' + p.source.event : 'at least since ' + b + ' (no event sets it)';
  }
  /** The chain read's state (block, or the failing RPC), kept current on a chain DAO's page. */
  function chainLine(c) {
    const e = document.getElementById('chain-status') || h('p', { id: 'chain-status', role: 'status' });
    e.className = c.refreshError ? 'error' : 'muted';
    e.textContent = 'Chain: ' + c.detail + '.';
    return e;
  }
  let detail = null;
  try {
    detail = await getJson(api);
    const g = body('governance-body');
    if (!detail.proposals && detail.parameters.every(p => p.value === null))
      g.append(h('p', { text: 'No governance data is indexed for ' + dao + ': no proposals and no ' + 'params.json. Import proposals into its index folder (e.g. ' },
        h('code', { text: './neuroracle data import --format compound-bravo --in FILE --out data/index/' + dao }), '), then restart the node.'));
    else {
      const rows = detail.parameters.map(p => h('tr', { class: 'param-row', 'data-param': p.name, 'data-source': p.source.kind },
        h('th', { scope: 'row', text: NAMES[p.name] || p.name }),
        h('td', { class: 'num', id: 'param-' + p.name, text: paramValue(p) }),
        h('td', {}, ...sourceCell(p)),
        h('td', { class: 'since', text: sinceText(p) })));
      g.append(h('div', { class: 'table-wrap' }, h('table', { id: 'param-table' },
        h('caption', { class: 'sr-only', text: 'Governance parameters with their sources' }),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'parameter' }), h('th', { scope: 'col', class: 'num', text: 'value' }),
          h('th', { scope: 'col', text: 'source' }), h('th', { scope: 'col', text: 'since' }))),
        h('tbody', {}, ...rows))));
    }
    g.append(chainLine(detail.chain));
    const q = detail.parameters.find(p => p.name === 'quorum');
    card('Quorum', paramValue(q), q.source.kind + (q.since ? ', since ' + q.since : ''), { id: 'card-quorum' });
    card('Proposals indexed', String(detail.proposals), Object.entries(detail.byOutcome).map(([k, v]) => v + ' ' + k).join(', ') || 'none', { id: 'card-proposals' });
  } catch (e) { fail('governance-body', e); }

  // ---- treasury ------------------------------------------------------------------------------------------
  const treasuryP = getJson(api + '/treasury').then(t => {
    const b = body('treasury-body');
    if (!t.assets.length) {
      if (detail && detail.chain && detail.chain.configured) b.append(h('p', { text: 'No treasury series: this DAO is read from its Governor, which holds no balance history. A series imported into the index folder named like the DAO is shown here (' }, h('code', { text: './neuroracle data import --format FORMAT --in FILE --out data/index/' + dao }), ', then restart the node).'));
      else b.append(h('p', { text: 'No treasury series is indexed for ' + dao + '. Import one into the index folder ' + dao + '/ (e.g. ' }, h('code', { text: './neuroracle data import --format axie-revenue --in FILE --out data/index/' + dao }), '), then restart the node.'));
      card('Treasury balance', 'no data', 'no treasury series indexed', { id: 'card-balance' });
      return;
    }
    const first = t.assets[0];
    card('Treasury balance', first.balance ? amount(first.balance.value, first.unit) : 'unknown',
      first.balance ? 'on ' + first.balance.date + (t.assets.length > 1 ? ' (+' + (t.assets.length - 1) + ' more assets)' : '') : 'the series has flows only',
      { id: 'card-balance' });
    for (const a of t.assets) assetView(b, a);
    b.append(h('p', { class: 'muted', text: 'Flows by category: ' + t.categories.detail + '.' }));
  }).catch(e => fail('treasury-body', e));

  function assetView(parent, a) {
    // Attached first: the charts are drawn at the width they get on the page.
    const box = h('div', { class: 'asset', 'data-asset': a.asset });
    parent.append(box);
    box.append(h('h3', { text: a.asset + ': balance ' + (a.balance ? amount(a.balance.value, a.unit) + ' on ' + a.balance.date : 'unknown') }));
    const f = a.forecast;
    // The last 90 days of history, so that the 30-day fan is readable beside it. A row of a periodic series (Cardano's
    // 5-day epochs) is dated by its period's first day and holds the balance at its end: plotted at its last day.
    const per = a.periodDays || 1;
    const all90 = a.balanceSeries.map(([d, v]) => [Date.parse(d) / 86400000 + per - 1, v]);
    const hist = all90.filter(p => p[0] >= all90[all90.length - 1][0] - 90);
    if (hist.length >= 2) {
      const last = hist[hist.length - 1][0];
      const fan = f && f.available ? f.horizons.filter(x => x.balance).map(x => ({ d: last + x.days, q: x.balance })) : [];
      const all = hist.map(p => p[1]).concat(fan.flatMap(x => [x.q.p10, x.q.p90]));
      // The axis spans at least 0.4 % of the level: a flat series stays flat instead of its rounding noise filling the chart.
      const lo = Math.min(...all), hi = Math.max(...all), span = Math.max(hi - lo, Math.abs(hi) * 0.004) || 1;
      const pad = (span - (hi - lo)) / 2 + span * 0.05;
      const x1 = fan.length ? last + 30 : last;
      // Counted from the span, not the points: a long series is thinned (balanceSeriesThinnedEvery).
      const spanned = Math.round((last - hist[0][0]) / per) + 1;
      const c = chart(box, { title: `${a.asset} balance, last ${spanned} ${per === 1 ? 'days' : per + '-day periods'}, and forecast fan`,
        desc: `Balance history in ${a.unit} and the 10 to 90 % band and median of the forecast at 1, 7 and 30 days.`,
        x: [hist[0][0], x1], y: [lo - pad, hi + pad], yticks: ticks(lo - pad, hi + pad, 4), ylabel: a.unit,
        xticks: [hist[0][0], x1].map(v => ({ v, label: new Date(v * 86400000).toISOString().slice(0, 10) })),
        xlabel: fan.length ? 'date (UTC); the fan starts at the last day, ' + new Date(last * 86400000).toISOString().slice(0, 10) : 'date (UTC)' });
      svgEl('path', { class: 'history', d: path(hist.map(p => [c.x(p[0]), c.y(p[1])])) }, c.svg);
      if (fan.length) {
        const start = [last, hist[hist.length - 1][1]];
        const up = [start].concat(fan.map(x => [x.d, x.q.p90])), down = [start].concat(fan.map(x => [x.d, x.q.p10])).reverse();
        svgEl('path', { class: 'band fan-band', d: path(up.concat(down).map(p => [c.x(p[0]), c.y(p[1])])) + ' Z' }, c.svg);
        svgEl('path', { class: 'median', d: path([start].concat(fan.map(x => [x.d, x.q.p50])).map(p => [c.x(p[0]), c.y(p[1])])) }, c.svg);
      }
    }
    if (f && f.available) {
      const rows = f.horizons.map(x => h('tr', {}, h('th', { scope: 'row', text: x.days + ' d' }),
        h('td', { class: 'num', text: x.balance ? amount(x.balance.p10, a.unit) : 'n/a' }),
        h('td', { class: 'num', text: x.balance ? amount(x.balance.p50, a.unit) : 'n/a' }),
        h('td', { class: 'num', text: x.balance ? amount(x.balance.p90, a.unit) : 'n/a' })));
      box.append(h('div', { class: 'table-wrap' }, h('table', { class: 'fan-table' },
        h('caption', { class: 'sr-only', text: 'Forecast quantiles of ' + a.asset }),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'horizon' }), h('th', { scope: 'col', class: 'num', text: 'balance 10 %' }),
          h('th', { scope: 'col', class: 'num', text: 'median' }), h('th', { scope: 'col', class: 'num', text: '90 %' }))),
        h('tbody', {}, ...rows))));
      const h30 = f.horizons[f.horizons.length - 1];
      if (per !== 1) box.append(h('p', { class: 'muted', id: 'period-note-' + a.asset, text: `This series comes in ${per}-day periods: each horizon's flows are the forecast mean per period over the whole periods that cover it, pro rata for its days.` }));
      box.append(h('p', { class: 'muted', text: `Forecast flows over ${h30.days} days (median, 10 to 90 %): inflow ${amount(h30.inflow.p50, a.unit)} (${amount(h30.inflow.p10, a.unit)} to ${amount(h30.inflow.p90, a.unit)}), outflow ${amount(h30.outflow.p50, a.unit)} (${amount(h30.outflow.p10, a.unit)} to ${amount(h30.outflow.p90, a.unit)}).` }));
      const r = f.runway;
      box.append(h('p', { class: 'runway' }, h('strong', { text: 'Runway: ' + (r.days === null ? 'not exhausted at the median (no net burn)' : days(r.days)) }),
        (r.lower !== null || r.upper !== null ? ', bounds ' + days(r.lower) + ' (pessimistic) to ' + days(r.upper) + ' (optimistic)' : '') + '.'),
        h('p', { class: 'muted', text: `Last balance over the net daily burn forecast for ${r.horizonDays} days (median); the bounds use the ends of the flow quantiles (outflow 90 % with inflow 10 %, and the reverse). "Not exhausted": no net burn.` }));
    } else if (f) {
      box.append(h('p', { class: 'muted', text: 'No forecast: ' + f.detail }));
    }
    const flows = a.monthlyFlows.slice(-24);
    if (flows.length) {
      const mx = Math.max(...flows.flatMap(m => [Number(m.inflow), Number(m.outflow)]), 1);
      const c = chart(box, { title: `${a.asset} monthly inflows and outflows`, height: 200,
        desc: `Total inflow (up, green) and outflow (down, red) per month in ${a.unit}, ${flows[0].month} to ${flows[flows.length - 1].month}.`,
        x: [0, flows.length], y: [-mx, mx], yticks: ticks(-mx, mx, 4), ylabel: a.unit,
        xticks: [{ v: 0.5, label: flows[0].month }, { v: flows.length - 0.5, label: flows[flows.length - 1].month }] });
      flows.forEach((m, i) => {
        const w = Math.max(1, c.x(i + 0.9) - c.x(i + 0.1));
        svgEl('rect', { class: 'inflow', x: c.x(i + 0.1), width: w, y: c.y(Number(m.inflow)), height: c.y(0) - c.y(Number(m.inflow)) }, c.svg);
        svgEl('rect', { class: 'outflow', x: c.x(i + 0.1), width: w, y: c.y(0), height: c.y(-Number(m.outflow)) - c.y(0) }, c.svg);
      });
      box.append(h('div', { class: 'legend' }, h('i', { style: 'background:var(--for)' }), 'inflow', h('i', { style: 'background:var(--against)' }), 'outflow'));
    }
    categoryTable(box, a);
  }

  /** The latest months' flows by category (where the treasury file names categories), newest month first. */
  function categoryTable(box, a) {
    const months = (a.monthlyFlowsByCategory || []).slice(-6).reverse();
    if (!months.length) return;
    const flow = v => Number(v) ? amount(v, a.unit) : '\u2013';
    const rows = [];
    for (const m of months)
      m.categories.forEach((c, j) => rows.push(h('tr', { class: 'category-row', 'data-month': m.month, 'data-category': c.category },
        j === 0 ? h('th', { scope: 'rowgroup', rowspan: m.categories.length, text: m.month }) : null,
        h('td', { text: c.category }), h('td', { class: 'num', text: flow(c.inflow) }), h('td', { class: 'num', text: flow(c.outflow) }))));
    box.append(h('div', { class: 'table-wrap' }, h('table', { class: 'category-table', id: 'categories-' + a.asset },
      h('caption', { text: `${a.asset} flows by category, latest ${months.length} month${months.length > 1 ? 's' : ''} (in ${a.unit})` }),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'month' }), h('th', { scope: 'col', text: 'category' }),
        h('th', { scope: 'col', class: 'num', text: 'inflow' }), h('th', { scope: 'col', class: 'num', text: 'outflow' }))),
      h('tbody', {}, ...rows))));
  }

  // ---- proposals: live actions and history ---------------------------------------------------------------
  function tallyBar(t, quorum, unit) {
    const f = Number(t.for), a = Number(t.against), ab = Number(t.abstain), q = quorum ? Number(quorum) : 0;
    const total = Math.max(f + a + ab, q, 1);
    const bar = h('div', { class: 'tally', role: 'img', 'aria-label': `for ${amount(f, unit)}, against ${amount(a, unit)}, abstain ${amount(ab, unit)}` + (q ? `, quorum ${amount(q, unit)}` : '') });
    bar.append(h('span', { style: `width:${100 * f / total}%;background:var(--for)` }), h('span', { style: `width:${100 * a / total}%;background:var(--against)` }),
      h('span', { style: `width:${100 * ab / total}%;background:var(--abstain)` }));
    return bar;
  }

  function trajectoryChart(parent, p) {
    const pts = p.trajectory;
    const c = chart(parent, { title: `P(pass) of proposal ${p.proposalId} recomputed at each vote`, height: 220,
      desc: `${pts.length} forecasts across the voting window with their lower and upper bounds; latest P(pass) ${pts.length ? pct(pts[pts.length - 1].pPass.value) : 'n/a'}.`,
      x: [0, 1], y: [0, 1], yticks: [0, 0.25, 0.5, 0.75, 1].map(v => ({ v, label: pct(v, 0) })),
      xticks: [0, 0.5, 1].map(v => ({ v, label: pct(v, 0) })), xlabel: 'voting window elapsed', ylabel: 'P(pass)' });
    if (!pts.length) return;
    const up = pts.map(q => [c.x(q.elapsed), c.y(q.pPass.upper)]), down = pts.map(q => [c.x(q.elapsed), c.y(q.pPass.lower)]).reverse();
    svgEl('path', { class: 'band', d: path(up.concat(down)) + ' Z' }, c.svg);
    svgEl('path', { class: 'median', d: path(pts.map(q => [c.x(q.elapsed), c.y(q.pPass.value)])) }, c.svg);
    for (const q of pts) {
      const d = svgEl('circle', { class: 'dot pass-point', cx: c.x(q.elapsed), cy: c.y(q.pPass.value), r: 3 }, c.svg);
      svgEl('title', {}, d).textContent = `${date(q.asOf)}: ${q.votes} votes, P(pass) ${pct(q.pPass.value)} (${pct(q.pPass.lower)} to ${pct(q.pPass.upper)})`;
    }
  }

  let proposals = null;
  const proposalsP = getJson(api + '/proposals').then(v => {
    proposals = v;
    const unit = detail && detail.parameters[0].unit;
    const live = body('live-body');
    live.setAttribute('data-open', v.open.length);
    if (!v.open.length) live.append(h('p', { text: 'No open proposal: every indexed proposal of ' + dao + ' is decided or cancelled.' }));
    const openBox = (parent, p) => {
      const box = h('div', { class: 'proposal open-proposal', 'data-proposal': p.proposalId, 'data-points': p.trajectory.length });
      parent.append(box);
      const t = p.tally;
      box.append(h('h3', { text: 'Proposal ' + p.proposalId }),
        h('p', { text: `Voting ${date(p.voteStart)} to ${date(p.voteEnd)}: ` + (p.windowClosed ? 'window closed (no outcome in the data yet)' : duration(p.secondsLeft) + ' left') + '.' }),
        tallyBar(t, p.quorum, unit),
        h('p', { class: 'legend' }, h('i', { style: 'background:var(--for)' }), 'for ' + amount(t.for, unit),
          h('i', { style: 'background:var(--against)' }), 'against ' + amount(t.against, unit), h('i', { style: 'background:var(--abstain)' }), 'abstain ' + amount(t.abstain, unit)),
        h('p', { text: p.quorum ? `For votes ${amount(t.for, unit)} of quorum ${amount(p.quorum, unit)} (${pct(t.forOfQuorum)}): quorum ${t.quorumReached ? 'reached' : 'not reached'}; ${t.votes} votes.` : `No quorum known; ${t.votes} votes.` }));
      trajectoryChart(box, p);
      if (p.trajectorySampled) box.append(h('p', { class: 'muted', text: 'More votes than the view\'s bound: the trajectory is sampled evenly.' }));
    };
    // Proposals still voting are shown in full; many whose window closed without an outcome in the data (stale
    // Snapshot "active" entries) fold into one list, so they do not push the page's other panels out of sight.
    const running = v.open.filter(p => !p.windowClosed), closed = v.open.filter(p => p.windowClosed);
    for (const p of running) openBox(live, p);
    if (closed.length <= 2) for (const p of closed) openBox(live, p);
    else {
      const fold = h('details', { class: 'closed-open' }, h('summary', { text: `${closed.length} proposals whose window closed with no outcome in the data yet` }));
      live.append(fold);
      for (const p of closed) openBox(fold, p);
    }
    const hist = body('history-body');
    const rowOf = d => h('tr', { class: 'decided-row', 'data-outcome': d.outcome },
      h('th', { scope: 'row', text: d.proposalId }), h('td', { class: 'hide-narrow nowrap', text: date(d.voteEnd) }), h('td', { text: d.outcome }),
      ...[0, 1, 2].map(i => { const f = d.forecasts[i]; return h('td', { class: 'num', text: f && f.pPass ? pct(f.pPass.value) : 'n/a' }); }));
    const table = (id, list, caption) => h('div', { class: 'table-wrap' }, h('table', { id },
      h('caption', { class: 'sr-only', text: caption }),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'proposal' }), h('th', { scope: 'col', class: 'hide-narrow', text: 'ended' }), h('th', { scope: 'col', text: 'outcome' }),
        h('th', { scope: 'col', class: 'num', text: 'P(pass) at 10 %' }), h('th', { scope: 'col', class: 'num', text: '25 %' }), h('th', { scope: 'col', class: 'num', text: '50 %' }))),
      h('tbody', {}, ...list.map(rowOf))));
    const NEWEST = 8;
    hist.append(h('p', { class: 'muted', text: `${v.decided.length} decided proposals (passed or defeated), ${v.cancelled.length} cancelled (not scored). P(pass) as the served forecaster answered with the votes cast up to 10, 25 and 50 % of the window.` }));
    if (v.decided.length) hist.append(table('history-table', v.decided.slice(0, NEWEST), 'Newest decided proposals with their forecasts'));
    if (v.decided.length > NEWEST)
      hist.append(h('details', {}, h('summary', { text: `all ${v.decided.length} decided proposals` }),
        table('history-all', v.decided, 'All decided proposals with their forecasts')));
    card('Open proposals', String(v.open.length), v.open.length ? 'latest P(pass) ' + v.open.map(p => p.trajectory.length ? pct(p.trajectory[p.trajectory.length - 1].pPass.value) : 'n/a').join(', ') : 'none', { id: 'card-open' });
    return getJson(api + '/reliability').then(r => reliability(hist, r));
  }).catch(e => { fail('live-body', e); fail('history-body', e); });

  function reliability(parent, r) {
    const brier = r.brier.map(b => `${pct(b.fraction, 0)}: ${b.brier === null ? 'n/a' : b.brier.toFixed(3)} (${b.proposals} proposals)`).join('; ');
    parent.append(h('h3', { text: 'Reliability diagram and Brier score' }));
    const b50 = r.brier.find(b => b.fraction === r.fraction);
    card('Brier score', b50 && b50.brier !== null ? b50.brier.toFixed(3) : 'n/a', 'at ' + pct(r.fraction, 0) + ' of the window, ' + (b50 ? b50.proposals : 0) + ' proposals', { id: 'card-brier' });
    if (!b50 || !b50.proposals) { parent.append(h('p', { id: 'brier', text: 'No decided proposal to score: no Brier score and no diagram.' })); return; }
    const c = chart(parent, { title: 'Reliability diagram of P(pass) at ' + pct(r.fraction, 0) + ' of the window', height: 260,
      desc: 'Observed pass rate against mean forecast per bin of width 10 %; the diagonal is perfect calibration. Brier score ' + brier + '.',
      x: [0, 1], y: [0, 1], yticks: [0, 0.5, 1].map(v => ({ v, label: pct(v, 0) })), xticks: [0, 0.5, 1].map(v => ({ v, label: pct(v, 0) })),
      xlabel: 'forecast P(pass)', ylabel: 'observed pass rate' });
    svgEl('line', { class: 'diag', x1: c.x(0), y1: c.y(0), x2: c.x(1), y2: c.y(1) }, c.svg);
    const maxN = Math.max(1, ...r.bins.map(b => b.count));
    for (const b of r.bins) {
      if (!b.count) continue;
      const d = svgEl('circle', { class: 'dot rel-bin', cx: c.x(b.meanForecast), cy: c.y(b.observedPassRate), r: 3 + 6 * Math.sqrt(b.count / maxN) }, c.svg);
      svgEl('title', {}, d).textContent = `${pct(b.lower, 0)} to ${pct(b.upper, 0)}: ${b.count} proposals, mean forecast ${pct(b.meanForecast)}, passed ${pct(b.observedPassRate)}`;
    }
    parent.append(h('p', { id: 'brier', text: 'Brier score (lower is better; 0.25 is a constant 50 % guess) at ' + brier + '.' }));
    parent.append(h('p', { class: 'muted', text: r.detail + '.' }));
  }

  // ---- the neuromorphic side -----------------------------------------------------------------------------
  async function neuro() {
    const b = body('neuro-body');
    // Proposals with votes first (a forecast from no votes has little to show), newest first.
    const all = proposals ? proposals.open.concat(proposals.decided) : [];
    const ids = all.filter(p => p.tally.votes > 0).concat(all.filter(p => p.tally.votes === 0)).map(p => p.proposalId);
    if (!ids.length) { b.append(h('p', { text: 'No indexed proposal to forecast.' })); return; }
    const sel = h('select', { id: 'neuro-proposal' }, ...ids.slice(0, 200).map(id => h('option', { value: id, text: 'proposal ' + id })));
    const out = h('div', { id: 'neuro-out', 'aria-live': 'polite' });
    b.append(h('p', {}, h('label', { for: 'neuro-proposal', text: 'Forecast of' }), sel, ' (at the end of its window, or now while open)'), out);
    const show = async () => {
      out.replaceChildren(h('p', { class: 'muted', text: 'computing…' }));
      try {
        const f = await getJson(api + '/proposals/' + encodeURIComponent(sel.value) + '/forecast');
        out.replaceChildren();
        raster(out, f);
        energy(out, f.energy);
      } catch (e) { out.replaceChildren(h('p', { class: 'error', role: 'alert', text: 'Could not compute the forecast: ' + e.message })); }
    };
    sel.addEventListener('change', show);
    await show();
  }

  function raster(parent, f) {
    const r = f.raster, s = r.spikes, n = s.step.length;
    const offsets = [0];
    for (const size of r.sizes) offsets.push(offsets[offsets.length - 1] + size);
    const neurons = offsets[offsets.length - 1] || 1;
    const durationMs = r.steps * r.dtMs;
    parent.append(h('p', { class: 'raster-summary', text: `${n} spikes of ${neurons} neurons (${r.populations.join(', ')}) over ${r.steps} steps of ${r.dtMs} ms (${durationMs.toFixed(1)} ms), P(pass) ${pct(f.answer.pPass.value)}.` }));
    const c = chart(parent, { title: `Spike raster of the vote forecast of proposal ${f.proposalId}`, height: 240,
      desc: `${n} spikes; x is time in ms, y the neuron index across populations ${r.populations.join(', ')}.`,
      x: [0, durationMs], y: [0, neurons], yticks: offsets.map(v => ({ v, label: String(v) })), xticks: ticks(0, durationMs, 4, v => v + ' ms'),
      xlabel: 'time (ms)', ylabel: 'neuron' });
    let d = '';
    for (let k = 0; k < n; k++) {
      const x = c.x(s.step[k] * r.dtMs), y = c.y(offsets[s.population[k]] + s.neuron[k] + 0.5);
      d += `M${x.toFixed(1)} ${(y - 1).toFixed(1)}v2`;
    }
    svgEl('path', { class: 'spikes', d, 'data-spikes': n }, c.svg);
  }

  function energy(parent, es) {
    // The node says which estimates are complete (every part charged); older nodes only give the parts.
    const complete = es.filter(e => e.complete !== undefined ? e.complete : e.joules !== null && e.dynamicJoules !== null && e.idleJoules !== null);
    const partial = es.filter(e => !complete.includes(e));
    parent.append(h('h3', { text: 'Energy of this forecast per hardware profile' }));
    if (complete.length) {
      const lo = Math.floor(Math.log10(Math.min(...complete.map(e => e.joules)))), hi = Math.ceil(Math.log10(Math.max(...complete.map(e => e.joules))));
      const rowH = 22, H = 40 + rowH * complete.length;
      const c = chart(parent, { title: 'Energy per hardware profile, complete estimates only (log scale)', height: H, margin: { l: 190 },
        desc: complete.map(e => `${e.displayName}: ${joules(e.joules)} (${e.kind}, ${e.boundary})`).join('; '),
        x: [lo, hi === lo ? lo + 1 : hi], y: [0, complete.length], xticks: Array.from({ length: hi - lo + 1 }, (_, i) => ({ v: lo + i, label: joules(Math.pow(10, lo + i)) })), xlabel: 'joules per forecast (log)' });
      complete.sort((a, b) => a.joules - b.joules).forEach((e, i) => {
        const y0 = c.y(complete.length - i) + 3, y1 = c.y(complete.length - i - 1) - 3;
        svgEl('rect', { class: 'energy-bar', x: c.x(lo), y: y0, width: Math.max(1, c.x(Math.log10(e.joules)) - c.x(lo)), height: y1 - y0 }, c.svg);
        label(c.svg, c.m.l - 6, (y0 + y1) / 2 + 4, e.displayName.length > 28 ? e.displayName.slice(0, 27) + '…' : e.displayName, 'end');
      });
    } else parent.append(h('p', { text: 'No profile has a complete estimate (static and dynamic energy both known).' }));
    parent.append(h('p', { class: 'muted', text: `${complete.length} complete estimates compared (static and dynamic energy both known). ` +
      (partial.length ? `${partial.length} incomplete ones are listed below with the parts their profiles publish, and not compared.` : '') }));
    parent.append(h('div', { class: 'table-wrap' }, h('table', { id: 'energy-table' }, h('caption', { class: 'sr-only', text: 'Energy per hardware profile' }),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'profile' }), h('th', { scope: 'col', class: 'num', text: 'dynamic' }),
        h('th', { scope: 'col', class: 'num', text: 'static' }), h('th', { scope: 'col', text: 'estimate' }))),
      h('tbody', {}, ...es.map(e => h('tr', { class: complete.includes(e) ? 'energy-complete' : 'energy-incomplete' },
        h('th', { scope: 'row', text: e.displayName }), h('td', { class: 'num dyn', text: joules(e.dynamicJoules) }), h('td', { class: 'num stat', text: joules(e.idleJoules) }),
        h('td', {}, e.kind ? (complete.includes(e) ? 'complete, ' : 'incomplete, ') + e.kind + ', ' + e.boundary : 'no estimate: the profile publishes neither part',
          !complete.includes(e) && e.lowerJoules ? h('div', { class: 'src-detail', text: 'at least ' + joules(e.lowerJoules) + (e.upperJoules ? ', at most ' + joules(e.upperJoules) : '') }) : null,
          !complete.includes(e) && e.missing && e.missing.length ? h('div', { class: 'src-detail', title: e.missing.join('; '), text: e.missing.length + ' part' + (e.missing.length > 1 ? 's' : '') + ' unknown, e.g. ' + e.missing[e.missing.length - 1] }) : null)))))));
  }

  // ---- oracle --------------------------------------------------------------------------------------------
  // This DAO's requests (GET /v1/oracle/requests?dao=), and whether the node has any at all (to say which "none").
  const oracleP = Promise.all([getJson('/v1/oracle/requests?limit=50&dao=' + encodeURIComponent(dao)), getJson('/v1/oracle/requests?limit=1')]).then(([o, any]) => {
    const b = body('oracle-body');
    b.setAttribute('data-requests', o.requests.length);
    if (!any.requests.length) {
      b.append(h('p', { id: 'oracle-none', text: 'None: this node has no on-chain oracle requests (it runs no oracle node, or its node has seen no request yet), so no forecast of ' + dao + ' was asked for on chain.' }));
      return;
    }
    if (!o.requests.length) {
      b.append(h('p', { id: 'oracle-none-dao', text: 'None of this node\'s on-chain oracle requests is about ' + dao + '. A request names its DAO by chain and contract (eip155:<chain id>:<governor or treasury>): a DAO read from its Governor (serve --rpc --governor) has that name; an imported one has its index folder\'s name.' }),
        h('p', {}, h('a', { href: 'journal.html', text: 'All of the node\'s oracle requests' }), ' are on the forecast journal page.'));
      return;
    }
    const counts = {};
    for (const r of o.requests) counts[r.status] = (counts[r.status] || 0) + 1;
    b.append(h('p', { id: 'oracle-summary', text: `${o.requests.length} request${o.requests.length > 1 ? 's' : ''} about this DAO (newest first): ` + Object.entries(counts).map(([k, v]) => v + ' ' + k).join(', ') + '.' }));
    b.append(h('div', { class: 'table-wrap' }, h('table', { id: 'oracle-table' }, h('caption', { class: 'sr-only', text: 'Oracle requests about ' + dao + ' and their states' }),
      h('thead', {}, h('tr', {}, ...['request', 'kind', 'state', 'block', 'requested', 'fulfilled'].map(t => h('th', { scope: 'col', class: t === 'block' ? 'num' : null, text: t })))),
      h('tbody', {}, ...o.requests.map(r => h('tr', { class: 'oracle-row', 'data-status': r.status },
        h('td', { class: 'mono', title: r.requestId, text: shortAddr(r.requestId) }), h('td', { text: r.kind }),
        h('td', { title: r.detail || null }, h('span', { class: 'state state-' + r.status, text: r.status })),
        h('td', { class: 'num', text: r.blockNumber.toLocaleString('en-US') }), h('td', { class: 'nowrap', text: date(r.requestedAtEpochS) }),
        h('td', { class: 'nowrap', title: r.txHash || null, text: r.fulfilledAtEpochS ? date(r.fulfilledAtEpochS) : '–' })))))));
    b.append(h('p', { class: 'muted', text: 'States: requested (seen, not yet answered by this node), fulfilled (this node sent its answer), finalised (the threshold of nodes agreed on chain), expired, failed (hover a state for its reason).' }));
  }).catch(e => fail('oracle-body', e));

  // A chain DAO's page follows the chain: its read's state is polled, and new proposals or votes offer a reload.
  if (detail && detail.chain && detail.chain.configured) {
    let version = detail.dataVersion;
    setInterval(async () => {
      try {
        const d = await getJson(api);
        chainLine(d.chain);
        if (d.dataVersion !== version && !document.getElementById('chain-newer')) {
          const reload = h('button', { type: 'button', text: 'reload the page' });
          reload.addEventListener('click', () => location.reload());
          document.getElementById('governance-body').append(h('p', { id: 'chain-newer', role: 'status' },
            'New proposals, votes or parameters on chain at block ' + d.chain.block.toLocaleString('en-US') + ': ', reload));
        }
      } catch (e) { /* the next poll tries again; the page keeps what it shows */ }
    }, 15000);
  }

  await Promise.all([treasuryP, proposalsP, oracleP]);
  await neuro();
  // Whether anything is wider than the window (a layout break at this width); the browser test reads it.
  main.setAttribute('data-hscroll', document.documentElement.scrollWidth > window.innerWidth + 1 ? 'yes' : 'no');
  main.setAttribute('data-loaded', failures.length ? 'error' : 'yes');
})();
