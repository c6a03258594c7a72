#!/usr/bin/env bash
# Reads the same multi-megabyte pcapng file of RDP connections three ways and prints MB/s:
#   1. CaptureAnalysisBenchmark (JMH): read + reassemble + dissect + diagnose, in a warm JVM;
#   2. `rdp-probe analyze FILE`: the same as a whole process (JVM start included, the launcher's JVM
#      options), best of 5;
#   3. `tshark -r FILE`: tshark's default dissection of every packet, best of 5;
#   and each by CPU time (user + system, every thread) as well: on a shared machine the wall clock
#   follows the other load, the CPU time much less (the warm figure from CaptureAnalysisCpu, with
#   the launcher's serial collector).
# Needs benchmarks/target/benchmarks.jar and probe-cli/target/rdp-probe.jar
# (./mvnw -o -B -pl benchmarks,probe-cli -am package -DskipTests), tshark and GNU time
# (/usr/bin/time). JMH_JAVA_OPTS is passed to the JMH launcher (e.g. -Djmh.ignoreLock=true when
# another JMH run holds its lock), JMH_ARGS to JMH itself (e.g. "-wi 2 -i 3" for a short run).
# BENCH_JAR runs another build's benchmarks.jar on the same file, e.g. one from before a change.
# The machine's load average is printed before and after: on a shared machine, compare runs only
# at a similar load.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench="${BENCH_JAR:-$root/benchmarks/target/benchmarks.jar}"
cli="$root/probe-cli/target/rdp-probe.jar"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
file="$work/rdp.pcapng"

load() { echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"; }
load
# shellcheck disable=SC2086 # JMH_ARGS holds several arguments
java ${JMH_JAVA_OPTS:-} -jar "$bench" CaptureAnalysisBenchmark ${JMH_ARGS:-} -jvmArgsAppend "-Dcapture.out=$file" \
  -rf csv -rff "$work/jmh.csv" | tee "$work/jmh.log" | grep -E "^capture:|^Benchmark|^CaptureAnalysis"
bytes=$(stat -c %s "$file")
ops=$(awk -F, 'NR==2 {gsub(/"/,"",$5); print $5}' "$work/jmh.csv")
packets=$(grep -m1 "^capture:" "$work/jmh.log" | awk '{print $4}')

best() { # best wall-clock and best CPU (user + system) nanoseconds of 5 runs, output discarded
  local best=999999999999 best_cpu=999999999999
  for _ in 1 2 3 4 5; do
    local t0 t1 cpu
    t0=$(date +%s%N)
    /usr/bin/time -o "$work/time" -f "%U %S" "$@" > /dev/null 2>&1 || true
    cpu=$(awk '{printf "%d", ($1 + $2) * 1e9}' "$work/time")
    t1=$(date +%s%N)
    best=$(( (t1 - t0) < best ? (t1 - t0) : best ))
    best_cpu=$(( cpu < best_cpu ? cpu : best_cpu ))
  done
  echo "$best $best_cpu"
}
# the JVM options of the distribution's launcher (dist/src/launchers/rdp-probe)
read -r cli_ns cli_cpu <<<"$(best java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$cli" analyze "$file")"
read -r tshark_ns tshark_cpu <<<"$(best tshark -r "$file")"
warm="$(java -XX:+UseSerialGC -cp "$bench:$root/benchmarks/target/classes" dev.rdpprobe.bench.CaptureAnalysisCpu "$file" "${WARM_SECONDS:-20}" 2>&1 \
  | grep '^warm analysis' | tee /dev/stderr | tail -1)"
warm_cpu_mbs=$(sed -E 's/.* ([0-9.]+) MB per CPU-second.*/\1/' <<<"$warm")

awk -v b="$bytes" -v p="$packets" -v ops="$ops" -v c="$cli_ns" -v t="$tshark_ns" \
  -v cc="$cli_cpu" -v tc="$tshark_cpu" -v w="$warm_cpu_mbs" 'BEGIN {
  mb = b / 1e6
  printf "file: %.1f MB, %d packets\n", mb, p
  printf "%-40s %10s %16s %14s\n", "", "MB/s", "packets/s", "MB/CPU-s"
  printf "%-40s %10.1f %16.0f %14.1f\n", "CaptureAnalysis (warm; JMH, CPU main)", mb * ops, p * ops, w
  printf "%-40s %10.1f %16.0f %14.1f\n", "rdp-probe analyze (process)", mb / (c / 1e9), p / (c / 1e9), mb / (cc / 1e9)
  printf "%-40s %10.1f %16.0f %14.1f\n", "tshark -r (process)", mb / (t / 1e9), p / (t / 1e9), mb / (tc / 1e9)
  printf "ratio to tshark, wall: JMH %.2f, process %.2f; CPU: warm %.2f, process %.2f\n", \
    (mb * ops) / (mb / (t / 1e9)), t / c, w / (mb / (tc / 1e9)), tc / cc
}'
load
