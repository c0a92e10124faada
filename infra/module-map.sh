#!/usr/bin/env bash
# The module map as the code declares it, in Markdown (docs/architecture.md pastes it): each module of
# backend/src/main/java/se/bredvid with its package-info.java summary, its @Module tables, its @Published types
# and the modules it uses (from the sources' imports and qualified names). ModuleBoundariesTest checks the same
# declarations; this only prints them.   Usage: infra/module-map.sh
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
python3 - backend/src/main/java/se/bredvid <<'PY'
import os, re, sys
root = sys.argv[1]
mods = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
ground = {'platform', 'protocol'}
print('| module | what | tables (`@Module`) | published types (`@Published`) | uses |')
print('|---|---|---|---|---|')
for m in mods:
    info = os.path.join(root, m, 'package-info.java')
    text = open(info).read() if os.path.exists(info) else ''
    what = re.search(r'/\*\*\s*\n?\s*\*?\s*(.*?)(?:\n\s*\*\s*\n|\*/)', text, re.S)
    what = re.sub(r'\s*\n\s*\*\s*', ' ', what.group(1)).strip() if what else ''
    what = re.sub(r'\{@code ([^}]*)\}', r'`\1`', what) or ('Problem+json errors, request ids, rate limits, field encryption and'
        ' sealed columns, jobs, the calendar, state machines, redaction: the ground floor every module uses.' if m == 'platform' else '')
    tables = re.search(r'tables\s*=\s*\{([^}]*)\}', text)
    tables = ', '.join(t.strip().strip('"') for t in tables.group(1).split(',')) if tables else ('—' if m not in ground else 'ground floor')
    published, uses = [], set()
    for d, _, names in os.walk(os.path.join(root, m)):
        for n in names:
            if not n.endswith('.java'):
                continue
            src = open(os.path.join(d, n)).read()
            if re.search(r'^@Published\b', src, re.M):
                pkg = os.path.relpath(d, os.path.join(root, m)).replace(os.sep, '.')
                published.append((pkg + '.' if pkg != '.' else '') + n[:-5])
            uses |= {t for t in re.findall(r'\bse\.bredvid\.([a-z]+)\.', src) if t != m and t in mods}
    pub = ', '.join(f'`{p}`' for p in sorted(published)) or ('all public types' if m in ground else '—')
    print(f'| `{m}` | {what} | {tables} | {pub} | {", ".join(sorted(uses)) or "—"} |')
PY
