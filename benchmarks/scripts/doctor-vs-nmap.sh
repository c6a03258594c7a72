#!/usr/bin/env bash
# The doctor beside nmap's two RDP scripts (rdp-enum-encryption and rdp-ntlm-info, forced with '+'
# since the port is not 3389), against a local xrdp and FreeRDP's shadow server (NLA):
# whole-process medians for the cold CLI, the warm library doctor (one JVM, after warm-ups), and
# the ratios. Goals (issue "Speed and scale"): cold CLI at least 2x faster than nmap, warm library
# at least 10x.
# Usage: benchmarks/scripts/doctor-vs-nmap.sh [RUNS]   (default 10)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/benchmarks/scripts/peers.sh"
runs="${1:-10}"
cli="$root/rdp-probe"
bench="$root/benchmarks/target/benchmarks.jar"
"$cli" version >/dev/null
if [ ! -f "$bench" ]; then
  (cd "$root" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true -pl benchmarks -am package >&2)
fi
command -v nmap >/dev/null || { echo "nmap is missing (apt-get install nmap)" >&2; exit 2; }

start_xrdp negotiate
start_shadow nla
for peer in "xrdp:$XRDP_PORT" "shadow:$SHADOW_PORT"; do
  name="${peer%%:*}" port="${peer##*:}"
  nmap_ms="$(median_ms "$runs" nmap -Pn -n -p "$port" \
    --script "+rdp-enum-encryption,+rdp-ntlm-info" 127.0.0.1)"
  cold_ms="$(median_ms "$runs" "$cli" doctor "127.0.0.1:$port")"
  warm_ms="$(java -cp "$bench" dev.rdpprobe.bench.WarmDoctor 127.0.0.1 "$port" "$runs" 3 2>/dev/null)"
  python3 - "$name" "$nmap_ms" "$cold_ms" "$warm_ms" <<'PY'
import sys
name, n, c, w = sys.argv[1], *map(float, sys.argv[2:])
print(f"{name}: nmap {n:.0f} ms, doctor cold CLI {c:.0f} ms ({n/c:.2f}x faster; goal 2x), "
      f"doctor warm library {w:.0f} ms ({n/w:.2f}x faster; goal 10x)")
PY
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
