#!/usr/bin/env python3
"""WAL frames per journaled row, by B-tree and page type: parses a copy of journal.db-wal (the frames of its current
generation, i.e. since its last restart) and maps each frame's page to the table or index owning it (sqlite3 dbstat on
a copy of the database with that WAL). Usage: wal-frames.py DB WAL. The rows those frames hold are counted by the
table's overflow pages among them (an overflow page is new with its row and never rewritten), divided by the table's
overflow pages per row: so this needs rows that all overflow (the journal's forecasts do, ~5.7 kB each)."""
import collections, shutil, sqlite3, struct, sys, tempfile, os

db, wal = sys.argv[1], sys.argv[2]
with open(wal, 'rb') as f:
    hdr = f.read(32)
    page_size, ckpt_seq = struct.unpack('>II', hdr[8:16])
    salts = hdr[16:24]
    frames, commits = [], 0
    while True:
        fh = f.read(24)
        if len(fh) < 24: break
        body = f.read(page_size)
        if len(body) < page_size: break
        if fh[8:16] != salts: break  # a frame of an earlier WAL generation: the valid frames end here
        pgno, size_after = struct.unpack('>II', fh[:8])
        frames.append(pgno)
        if size_after: commits += 1
tmp = tempfile.mkdtemp()
shutil.copy(db, tmp + '/j.db'); shutil.copy(wal, tmp + '/j.db-wal')
c = sqlite3.connect(tmp + '/j.db')
owner = {}
try:
    for name, pageno, kind in c.execute('SELECT name, pageno, pagetype FROM dbstat'): owner[pageno] = name + ' ' + kind
except sqlite3.OperationalError as e:
    print('dbstat unavailable:', e)
ovf_total = c.execute("SELECT count(*) FROM dbstat WHERE name = 'journal' AND pagetype = 'overflow'").fetchone()[0]
rows_total = c.execute('SELECT count(*) FROM journal').fetchone()[0]
by = collections.Counter(owner.get(p, 'page1' if p == 1 else 'free/other') for p in frames)
rows = round(by['journal overflow'] * rows_total / max(ovf_total, 1))
print(f'WAL checkpoint sequence {ckpt_seq} (0: never restarted), page size {page_size}, frames {len(frames)}, commits {commits}, rows {rows}: '
      f'{len(frames) / rows:.2f} frames ({len(frames) * (page_size + 24) / rows / 1024:.1f} KiB) per row, '
      f'{rows / max(commits, 1):.2f} rows per commit')
for name, n in by.most_common():
    print(f'  {name:28s} {n:8d} frames  {n / rows:6.3f} per row  {n / max(commits, 1):6.2f} per commit')
shutil.rmtree(tmp)
