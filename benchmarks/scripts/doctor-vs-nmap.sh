#!/usr/bin/env bash
# The doctor beside nmap's two RDP scripts (rdp-enum-encryption and rdp-ntlm-info, forced with '+'
# since the port is not 3389), against a local xrdp and FreeRDP's shadow server (NLA):
# whole-process medians for the cold CLI, the warm library doctor (one JVM, after warm-ups), and
# the ratios. Goals (issue "Speed and scale"): cold CLI at least 2x faster than nmap, warm library
# at least 10x. Also the CPU each server spends per run (from /proc), per connection opened and
# closed without a byte, and the warm doctor's own: a server that works hard per connection sets a
# floor no examination on this machine's cores beats.
# Usage: benchmarks/scripts/doctor-vs-nmap.sh [RUNS]   (default 10)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
source "$root/benchmarks/scripts/peers.sh"
runs="${1:-10}"
cli="$root/rdp-probe"
bench="$root/benchmarks/target/benchmarks.jar"
"$cli" version >/dev/null
# built when missing or older than the code it runs (an older WarmDoctor prints less)
if [ ! -f "$bench" ] || [ -n "$(find "$root/core/src/main" "$root/benchmarks/src/main" \
    -newer "$bench" -print -quit)" ]; then
  (cd "$root" && ./mvnw -q -B -DskipTests -Dspotless.check.skip=true -pl benchmarks -am package >&2)
fi
command -v nmap >/dev/null || { echo "nmap is missing (apt-get install nmap)" >&2; exit 2; }

start_xrdp negotiate
start_shadow nla
tick_ms=$((1000 / $(getconf CLK_TCK)))
# server_cpu PID: the CPU time a server process has used so far, in ms
server_cpu() { awk -v t="$tick_ms" '{print ($14 + $15) * t}' "/proc/$1/stat"; }
for peer in "xrdp:$XRDP_PORT:$XRDP_PID" "shadow:$SHADOW_PORT:$SHADOW_PID"; do
  IFS=: read -r name port pid <<<"$peer"
  c0="$(server_cpu "$pid")"
  nmap_ms="$(median_ms "$runs" nmap -Pn -n -p "$port" \
    --script "+rdp-enum-encryption,+rdp-ntlm-info" 127.0.0.1)"
  c1="$(server_cpu "$pid")"
  cold_ms="$(median_ms "$runs" "$cli" doctor "127.0.0.1:$port")"
  c2="$(server_cpu "$pid")"
  read -r warm_ms warm_cpu_ms < <(java -cp "$bench" dev.rdpprobe.bench.WarmDoctor 127.0.0.1 "$port" \
    "$runs" 3 2>/dev/null)
  c3="$(server_cpu "$pid")"
  # what a connection costs the server before any RDP: 20 opened and closed without a byte
  python3 - "$port" <<'PY'
import socket, sys, time
for _ in range(20):
    socket.create_connection(("127.0.0.1", int(sys.argv[1]))).close()
    time.sleep(0.05)
time.sleep(0.3)
PY
  c4="$(server_cpu "$pid")"
  # how often median_ms ran each command (hyperfine warms up with two more runs); WarmDoctor
  # examines three more times than it times
  execs=$((runs + $(command -v hyperfine >/dev/null && echo 2 || echo 0)))
  python3 - "$name" "$nmap_ms" "$cold_ms" "$warm_ms" "$warm_cpu_ms" "$execs" "$((runs + 3))" \
    "$c0" "$c1" "$c2" "$c3" "$c4" "$(nproc)" <<'PY'
import sys
name = sys.argv[1]
n, c, w, wcpu = map(float, sys.argv[2:6])
execs, exams = int(sys.argv[6]), int(sys.argv[7])
c0, c1, c2, c3, c4 = map(float, sys.argv[8:13])
cores = int(sys.argv[13])
srv_nmap, srv_cold, srv_warm = (c1 - c0) / execs, (c2 - c1) / execs, (c3 - c2) / exams
bare = (c4 - c3) / 20
print(f"{name}: nmap {n:.0f} ms, doctor cold CLI {c:.0f} ms ({n/c:.2f}x faster; goal 2x), "
      f"doctor warm library {w:.0f} ms ({n/w:.2f}x faster; goal 10x)")
floor = (srv_warm + wcpu) / cores
print(f"  the server's CPU per run: nmap {srv_nmap:.0f} ms, doctor cold {srv_cold:.0f} ms, "
      f"doctor warm {srv_warm:.0f} ms; the warm doctor's own CPU {wcpu:.0f} ms per examination; "
      f"the two on {cores} cores take at least {floor:.0f} ms: at most {n/floor:.1f}x faster than nmap")
print(f"  a connection opened and closed without a byte costs the server {bare:.1f} ms of CPU")
PY
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
