#!/usr/bin/env bash
# A cold `rdp-probe HOST` to the Demand Active of a local xrdp, beside `rdp-probe version` (the
# JVM's start and the CLI's parsing, nothing probed): whole-process medians and their ratio.
# The goal (issue "Speed and scale"): the probe within 1.8x of `version`.
# Usage: benchmarks/scripts/cold-start.sh [RUNS]   (default 15)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/benchmarks/scripts/peers.sh"
runs="${1:-15}"
cli="$root/rdp-probe"
"$cli" version >/dev/null # builds the CLI when needed, outside the measurement

start_xrdp negotiate
version_ms="$(median_ms "$runs" "$cli" version)"
probe_ms="$(median_ms "$runs" "$cli" "127.0.0.1:$XRDP_PORT")"
echo "rdp-probe version:                ${version_ms} ms (median of $runs)"
echo "rdp-probe 127.0.0.1 (xrdp, cold): ${probe_ms} ms (median of $runs)"
python3 -c 'import sys; v,p=map(float,sys.argv[1:]); print("ratio probe/version: %.2fx (goal <= 1.8x)" % (p/v))' \
  "$version_ms" "$probe_ms"
echo "load average: $(cut -d" " -f1-3 /proc/loadavg)"
