// The DAO list: GET /v1/daos, one row per indexed DAO linking to its page; an empty index shows the import command.
'use strict';

(async () => {
  const { h, getJson } = NR;
  const main = document.getElementById('main');
  try {
    const health = await getJson('/health');
    document.getElementById('node').textContent = 'node ' + health.node;
    const o = await getJson('/v1/daos');
    document.getElementById('index-dir').textContent = 'index folder: ' + o.indexDir + ' (read once at start)';
    const tbody = document.querySelector('#dao-table tbody');
    for (const d of o.daos) {
      const b = d.byOutcome || {};
      tbody.append(h('tr', { class: 'dao-row', 'data-dao': d.dao },
        h('th', { scope: 'row' }, h('a', { href: 'dao.html?dao=' + encodeURIComponent(d.dao), text: d.dao })),
        h('td', { text: String(d.proposals) }),
        h('td', { text: String(b.pending || 0) }),
        h('td', { text: `${b.passed || 0} / ${b.defeated || 0} / ${b.cancelled || 0}` }),
        h('td', { text: d.treasuryAssets.length ? d.treasuryAssets.join(', ') : 'none' })));
    }
    main.setAttribute('data-daos', o.daos.length);
    if (o.daos.length === 0) {
      document.getElementById('dao-table').hidden = true;
      document.getElementById('no-dao').hidden = false;
      document.getElementById('import-hint').textContent = o.importHint;
    }
    main.setAttribute('data-hscroll', document.documentElement.scrollWidth > window.innerWidth + 1 ? 'yes' : 'no');
    main.setAttribute('data-loaded', 'yes');
  } catch (e) {
    main.setAttribute('data-loaded', 'error');
    main.prepend(h('p', { class: 'error', role: 'alert', text: 'Could not load the DAO list: ' + e.message }));
  }
})();
