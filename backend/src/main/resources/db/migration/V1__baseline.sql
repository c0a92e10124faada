-- Bredvid baseline. Each later migration adds one concern (V<n>__<what>.sql).
comment on schema public is 'Bredvid: see docs/ and design/ARCHITECTURE.md';
