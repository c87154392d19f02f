#!/usr/bin/env bash
# Whole-process cold start, the way Lambda runs the functions: each function's shrunk Lambda jar in AWS's
# runtime interface client with java21's flags, against a local Runtime API and the simulator holding the world
# its event needs, timed from process start to the posted response; with an application class-data archive; and,
# alternating in the same run, a bare JVM, a bare handler in the same client and the Node.js peer. Prints
# medians, min, max, peak RSS, ratios to Node, classes loaded by package and AWS calls cold and warm
# (bench/src/main/java/dev/ecsmedic/bench/ColdStart.java).
#
#   bench/cold-start.sh [RUNS] [NODE_PEER_DIR] [BASELINE_JARS_DIR]
#
# RUNS: runs of each variant (default 10). NODE_PEER_DIR: a copy of ../shared/bench/node-peer after
# `npm install`; without it (or given as ""), Node is skipped. BASELINE_JARS_DIR: the three *-lambda.jar of
# another build, each run as well, alternating with this build's.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
modules=bench,functions/stale-lock-remediator,functions/alarm-remediator,functions/exec-rollout
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
mvn -B -o -q package -DskipTests -pl "$modules" -am >"$log" 2>&1 || { cat "$log" >&2; echo "build failed" >&2; exit 1; }
java -cp bench/target/benchmarks.jar dev.ecsmedic.bench.ColdStart "${1:-10}" "${2:-}" "${3:-}"
echo "$(nproc) cores; $(java -version 2>&1 | head -1); node $(node --version 2>/dev/null || echo absent)"
