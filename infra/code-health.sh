#!/usr/bin/env bash
# Code-health figures of the backend at a git revision (default: the working tree), as in docs/architecture.md:
#   - the 10 largest classes (lines of each file under backend/src/main/java),
#   - SQL string literals (a literal or text block that starts with select/insert/update/delete/with) outside
#     *Store and *Repository classes, per file and in total,
#   - module dependency cycles (from imports and fully qualified names in the sources; the ModuleBoundariesTest
#     is the check that fails the build, this only counts).
# Usage: infra/code-health.sh [REV]      e.g. infra/code-health.sh 4d9e462
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
src=backend/src/main/java
if [ $# -ge 1 ]; then
  tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
  git archive "$1" "$src" | tar -x -C "$tmp"
  root="$tmp/$src"
else
  root="$src"
fi
python3 - "$root" <<'PY'
import os, re, sys
root = sys.argv[1]
files = []
for d, _, names in os.walk(root):
    for n in names:
        if n.endswith('.java'):
            files.append(os.path.join(d, n))
rel = lambda p: os.path.relpath(p, root)
print('== 10 largest classes (lines)')
sizes = sorted(((sum(1 for _ in open(f, encoding='utf-8')), rel(f)) for f in files), reverse=True)
for n, f in sizes[:10]:
    print(f'{n:6d}  {f}')
lit = re.compile(r'"""(.*?)"""|"((?:[^"\\\n]|\\.)*)"', re.S)
sql = re.compile(r'^\s*(select|insert|update|delete|with)\s', re.I)
print('== SQL string literals outside *Store / *Repository')
total, per = 0, []
for f in files:
    name = os.path.basename(f)[:-5]
    if name.endswith('Store') or name.endswith('Repository'):
        continue
    n = sum(1 for m in lit.finditer(open(f, encoding='utf-8').read()) if sql.match(m.group(1) or m.group(2) or ''))
    if n:
        per.append((n, rel(f)))
        total += n
for n, f in sorted(per, reverse=True):
    print(f'{n:6d}  {f}')
print(f'{total:6d}  total in {len(per)} files')
print('== module cycles')
mods = {rel(f).split(os.sep)[2]: set() for f in files if len(rel(f).split(os.sep)) > 3}
ref = re.compile(r'\bse\.bredvid\.([a-z]+)\.')
for f in files:
    parts = rel(f).split(os.sep)
    if len(parts) <= 3:
        continue
    m = parts[2]
    for t in ref.findall(open(f, encoding='utf-8').read()):
        if t != m and t in mods:
            mods[m].add(t)
# strongly connected components (Tarjan)
index, low, stack, on, comps, i = {}, {}, [], set(), [], [0]
def visit(v):
    index[v] = low[v] = i[0]; i[0] += 1; stack.append(v); on.add(v)
    for w in mods[v]:
        if w not in index:
            visit(w); low[v] = min(low[v], low[w])
        elif w in on:
            low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        c = []
        while True:
            w = stack.pop(); on.discard(w); c.append(w)
            if w == v:
                break
        if len(c) > 1:
            comps.append(sorted(c))
sys.setrecursionlimit(10000)
for v in sorted(mods):
    if v not in index:
        visit(v)
pairs = sorted({tuple(sorted((a, b))) for a in mods for b in mods[a] if a in mods[b]})
print(f'{len(pairs):6d}  two-way pairs: ' + (', '.join(f'{a}<->{b}' for a, b in pairs) or '-'))
print(f'{len(comps):6d}  cycles (strongly connected groups): ' + ('; '.join(' '.join(c) for c in comps) or '-'))
PY
