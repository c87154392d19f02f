#!/usr/bin/env bash
# Whole-process cold start: one stale-lock decision in a fresh process, the shaded Lambda jar on the JVM
# (three JVM settings) against the same reads made with the AWS SDK for JavaScript v3 in Node.js, all pointed at
# one local simulator holding the deadlocked incident. Runs alternate; medians of wall time and peak RSS.
#
#   bench/cold-start.sh [RUNS] [NODE_PEER_DIR]
#
# NODE_PEER_DIR: a folder with peer.mjs and its node_modules (npm install); without it, Node is skipped.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-10}"
peer="${2:-}"
cd "$root"

mvn -B -q -o package -DskipTests -pl bench,functions/stale-lock-remediator -am >/dev/null 2>&1 \
  || mvn -B -q package -DskipTests -pl bench,functions/stale-lock-remediator -am
jar="functions/stale-lock-remediator/target/stale-lock-remediator-lambda.jar"
cp="$jar:bench/target/ecs-medic-bench.jar"
work="$(mktemp -d)"
trap 'kill "$sim" 2>/dev/null || true; rm -rf "$work"' EXIT

./ecs-medic simulator --scenario prometheus-efs-lock --start-at 60 --speed 0 --quiet >"$work/sim.out" 2>"$work/sim.err" &
sim=$!
for _ in $(seq 1 300); do [[ -s "$work/sim.out" ]] && break; sleep 0.1; done
endpoint="$(head -1 "$work/sim.out")"
[[ "$endpoint" == http://127.0.0.1:* ]] || { cat "$work/sim.err" >&2; echo "simulator did not start" >&2; exit 1; }
sleep 1

export CLUSTER_NAME=observability WATCHED_SERVICES=prometheus DRY_RUN=true AWS_REGION=us-east-1 \
  AWS_ENDPOINT_URL="$endpoint" AWS_ACCESS_KEY_ID=AKIDLOCAL AWS_SECRET_ACCESS_KEY=local-secret
event="events/ecs-task-stopped-lock-error.json"

java -XX:TieredStopAtLevel=1 -XX:ArchiveClassesAtExit="$work/app.jsa" -cp "$cp" dev.ecsmedic.bench.ColdInvoke "$event" \
  >"$work/cds.out" 2>/dev/null
grep -q '"decision":"STOP_STALE_TASKS"' "$work/cds.out" || { cat "$work/cds.out" >&2; echo "no decision" >&2; exit 1; }

declare -A cmd
cmd[java]="java -cp $cp dev.ecsmedic.bench.ColdInvoke $event"
cmd[java-tier1]="java -XX:TieredStopAtLevel=1 -cp $cp dev.ecsmedic.bench.ColdInvoke $event"
cmd[java-tier1-appcds]="java -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=$work/app.jsa -cp $cp dev.ecsmedic.bench.ColdInvoke $event"
cmd[java-hello]="java -XX:TieredStopAtLevel=1 -cp bench/target/ecs-medic-bench.jar dev.ecsmedic.bench.Hello"
names=(java java-tier1 java-tier1-appcds java-hello)
if [[ -n "$peer" && -f "$peer/peer.mjs" && -d "$peer/node_modules" ]]; then
  cmd[node]="node $peer/peer.mjs $endpoint observability prometheus /ecs/observability/prometheus"
  names+=(node)
else
  echo "(Node.js baseline skipped: give a node-peer folder with node_modules as the second argument)" >&2
fi

for i in $(seq 1 "$runs"); do
  for n in "${names[@]}"; do
    /usr/bin/time -f "%e %M" -o "$work/t" ${cmd[$n]} >"$work/out" 2>/dev/null
    if [[ "$n" == java* && "$n" != java-hello ]]; then
      grep -q '"decision":"STOP_STALE_TASKS"' "$work/out" || { cat "$work/out" >&2; echo "$n decided nothing" >&2; exit 1; }
    fi
    echo "$n $(cat "$work/t")" >>"$work/samples"
  done
done

median() { sort -n | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
base=""
[[ " ${names[*]} " == *" node "* ]] && base="$(awk '$1=="node"{print $2}' "$work/samples" | median)"
printf "%-20s %10s %12s %s\n" variant "wall (s)" "RSS (MB)" "ratio to node"
for n in "${names[@]}"; do
  wall="$(awk -v n="$n" '$1==n{print $2}' "$work/samples" | median)"
  rss="$(awk -v n="$n" '$1==n{print $3/1024}' "$work/samples" | median)"
  ratio="-"; [[ -n "$base" ]] && ratio="$(awk -v a="$wall" -v b="$base" 'BEGIN{printf "%.2f", a/b}')"
  printf "%-20s %10s %12.0f %s\n" "$n" "$wall" "$rss" "$ratio"
done
echo "medians of $runs alternating runs; $(nproc) cores; $(java -version 2>&1 | head -1)"
