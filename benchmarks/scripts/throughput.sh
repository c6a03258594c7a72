#!/usr/bin/env bash
# Probes at scale against the in-process emulator (issue "Speed and scale"):
#  1. TLS probes/s at 64, 256 and 1,024 concurrent, with the heap after a full GC and the GC pauses;
#     the goal: as many probes/s at 1,024 as at 64, the heap after GC flat.
#  2. 50,000 probes in flight at the X.224 stage, in a heap of at most 256 MB, every one classified.
#     The emulators that hold the connections run in a JVM of their own (their heap is not the
#     probe's), one per loopback address: each address is another set of ephemeral ports.
# The machine's load average is printed beside the figures: on a shared machine, compare runs only
# at a similar load.
# Usage: benchmarks/scripts/throughput.sh [tls|in-flight|all] (default all)
#   TLS_SECONDS (default 20), TLS_LEVELS (default 64,256,1024), IN_FLIGHT (default 50000)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
jar="$root/benchmarks/target/benchmarks.jar"
what="${1:-all}"
if [ ! -f "$jar" ]; then
  (cd "$root" && ./mvnw -q -B -o -pl core,benchmarks -am -DskipTests package)
fi
load() { echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"; }

if [ "$what" = tls ] || [ "$what" = all ]; then
  load
  java -Xmx1g -cp "$jar" dev.rdpprobe.bench.ProbeThroughput \
    tls "${TLS_LEVELS:-64,256,1024}" "${TLS_SECONDS:-20}"
  load
fi

if [ "$what" = in-flight ] || [ "$what" = all ]; then
  count="${IN_FLIGHT:-50000}"
  heap_mb="${IN_FLIGHT_HEAP_MB:-256}"
  # A socket each probe, and one in the emulator for each. A process may open at most
  # `ulimit -Hn` files (20,000 on the machine these figures come from, and raising it needs
  # CAP_SYS_RESOURCE), so the probes are split over as many probe processes as that takes, each
  # with its share of the heap, each against an emulator process of its own on its own loopback
  # address (another set of ephemeral ports): the heaps add up to at most $heap_mb MB.
  ulimit -n "$(ulimit -Hn)"
  per_process=$(( $(ulimit -n) - 2000 ))
  processes=$(( (count + per_process - 1) / per_process ))
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  echo "$count probes in flight: $processes probe process(es) of -Xmx$((heap_mb / processes))m (open files at most $(ulimit -n) a process)"
  holds=() probes=() outs=()
  for ((i = 0; i < processes; i++)); do
    address="127.0.0.$((i + 1))"
    n=$(( count / processes + (i < count % processes ? 1 : 0) ))
    hold_out="$(mktemp)"
    java -Xmx1g -cp "$jar" dev.rdpprobe.bench.ProbeThroughput hold "$port" "$address" >"$hold_out" 2>&1 &
    holds+=("$!")
    until grep -q '^ready' "$hold_out" || ! kill -0 "${holds[$i]}" 2>/dev/null; do sleep 0.2; done
    grep -q '^ready' "$hold_out" || { cat "$hold_out" >&2; exit 1; }
    rm -f "$hold_out"
    out="$(mktemp)"
    outs+=("$out")
    java -Xmx$((heap_mb / processes))m -cp "$jar" dev.rdpprobe.bench.ProbeThroughput \
      in-flight "$n" "$port" "$address" >"$out" 2>&1 &
    probes+=("$!")
  done
  load
  for ((i = 0; i < processes; i++)); do
    until grep -q '^in flight:' "${outs[$i]}" || ! kill -0 "${probes[$i]}" 2>/dev/null; do sleep 1; done
  done
  load
  kill -TERM "${holds[@]}" # the emulators go: every probe sees its connection end
  for pid in "${probes[@]}" "${holds[@]}"; do wait "$pid" || true; done
  results="$(for out in "${outs[@]}"; do grep -v SLF4J "$out"; rm -f "$out"; done)"
  echo "$results"
  python3 -c '
import re, sys
text = sys.stdin.read()
waiting = sum(int(m) for m in re.findall(r"in flight: (\d+) of", text))
heap = sum(float(m) for m in re.findall(r"heap after GC ([\d.]+) MB", text))
classified = sum(int(m) for m in re.findall(r"classified: (\d+) of", text))
print("in flight at once: %d probes waiting for their Connection Confirm; heap after GC %.1f MB in all; classified %d" % (waiting, heap, classified))
' <<<"$results"
fi
