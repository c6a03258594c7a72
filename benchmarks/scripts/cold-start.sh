#!/usr/bin/env bash
# A cold `rdp-probe HOST` to the Demand Active of a local xrdp, beside `rdp-probe version` (the
# JVM's start and the CLI's parsing, nothing probed): the two run in turn, round after round, so
# that a machine whose speed drifts between minutes (a shared VM) slows both alike; prints each
# one's median wall time and the median and quartiles of the per-round ratio.
# The goal (issue "Speed and scale"): the probe within 1.8x of `version`.
# Usage: benchmarks/scripts/cold-start.sh [ROUNDS]   (default 20, after 2 rounds of warm-up)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/benchmarks/scripts/peers.sh"
rounds="${1:-20}"
cli="$root/rdp-probe"
"$cli" version >/dev/null # builds the CLI and its class-data archive when needed, outside the runs

start_xrdp negotiate
python3 - "$rounds" "$cli" "127.0.0.1:$XRDP_PORT" <<'PY'
import statistics, subprocess, sys, time
rounds, cli, target = int(sys.argv[1]), sys.argv[2], sys.argv[3]
def run(*args):
    start = time.perf_counter()
    subprocess.run([cli, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000
version, probe = [], []
for r in range(rounds + 2):
    v, p = run("version"), run(target)
    if r >= 2:
        version.append(v)
        probe.append(p)
ratios = sorted(p / v for p, v in zip(probe, version))
q1, med, q3 = statistics.quantiles(ratios, n=4)
print(f"rdp-probe version:                {statistics.median(version):.1f} ms (median of {rounds})")
print(f"rdp-probe 127.0.0.1 (xrdp, cold): {statistics.median(probe):.1f} ms (median of {rounds})")
print(f"ratio probe/version, per round: median {med:.2f}x, quartiles {q1:.2f}x-{q3:.2f}x"
      f" (goal <= 1.8x)")
PY
echo "load average: $(cut -d" " -f1-3 /proc/loadavg)"
