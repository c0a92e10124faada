#!/usr/bin/env bash
# The desk's benchmark (issue 13): a program that prints figures as JSON, not a timed test. Starts the
# backend on a fresh database like the browser tests (infra/pwa-test.sh), fills the demo organisation with
# 2,000 volunteers and 1,000 waiting clients through the API, then measures in Debian chromium: the desk's
# first load to interactive and its transferred size, and how long the volunteer board and the waiting list
# take to render, and to render again after a filter, once their data has arrived.
#   ./infra/desk-bench.sh                 # BREDVID_BENCH_VOLUNTEERS / _CLIENTS / _ROUNDS to change the sizes
set -euo pipefail
cd "$(dirname "$0")/.."
# The seeding sends thousands of applications from one address within a minute.
export BREDVID_RATE_LIMIT_FACTOR=1000
export BREDVID_PWA_RUN="node bench/desk.mjs"
exec ./infra/pwa-test.sh
