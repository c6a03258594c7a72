#!/usr/bin/env bash
# Reads the same multi-megabyte pcapng file of RDP connections three ways and prints MB/s:
#   1. CaptureAnalysisBenchmark (JMH): read + reassemble + dissect + diagnose, in a warm JVM;
#   2. `rdp-probe analyze FILE`: the same as a whole process (JVM start included), best of 5;
#   3. `tshark -r FILE`: tshark's default dissection of every packet, best of 5.
# Needs benchmarks/target/benchmarks.jar and probe-cli/target/rdp-probe.jar
# (./mvnw -o -B -pl benchmarks,probe-cli -am package -DskipTests) and tshark. JMH_JAVA_OPTS is
# passed to the JMH launcher (e.g. -Djmh.ignoreLock=true when another JMH run holds its lock).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="$root/benchmarks/target/benchmarks.jar"
cli="$root/probe-cli/target/rdp-probe.jar"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
file="$work/rdp.pcapng"

java ${JMH_JAVA_OPTS:-} -jar "$bench" CaptureAnalysisBenchmark -jvmArgsAppend "-Dcapture.out=$file" \
  -rf csv -rff "$work/jmh.csv" | tee "$work/jmh.log" | grep -E "^capture:|^Benchmark|^CaptureAnalysis"
bytes=$(stat -c %s "$file")
ops=$(awk -F, 'NR==2 {gsub(/"/,"",$5); print $5}' "$work/jmh.csv")
packets=$(grep -m1 "^capture:" "$work/jmh.log" | awk '{print $4}')

best() { # best wall-clock seconds of 5 runs of a command, output discarded
  local best=999999999999
  for _ in 1 2 3 4 5; do
    local t0 t1
    t0=$(date +%s%N); "$@" > /dev/null 2>&1 || true; t1=$(date +%s%N)
    best=$(( (t1 - t0) < best ? (t1 - t0) : best ))
  done
  echo "$best"
}
cli_ns=$(best java -jar "$cli" analyze "$file")
tshark_ns=$(best tshark -r "$file")

awk -v b="$bytes" -v p="$packets" -v ops="$ops" -v c="$cli_ns" -v t="$tshark_ns" 'BEGIN {
  mb = b / 1e6
  printf "file: %.1f MB, %d packets\n", mb, p
  printf "%-40s %10.1f MB/s %12.0f packets/s\n", "CaptureAnalysis (JMH, warm)", mb * ops, p * ops
  printf "%-40s %10.1f MB/s %12.0f packets/s\n", "rdp-probe analyze (process)", mb / (c / 1e9), p / (c / 1e9)
  printf "%-40s %10.1f MB/s %12.0f packets/s\n", "tshark -r (process)", mb / (t / 1e9), p / (t / 1e9)
  printf "ratio, JMH / tshark: %.2f; process / tshark: %.2f\n", (mb * ops) / (mb / (t / 1e9)), t / c
}'
