#!/usr/bin/env bash
# Runs the core's Jazzer targets in fuzzing mode, each to a number of executions, with Jazzer's own
# driver (no JUnit around it, so the rate is the decoder's), and prints one line per target:
# executions, seconds, executions/s, coverage, corpus added, findings. The count of executions
# governs: a target's maxDuration (the time it gets in `JAZZER_FUZZ=1` test runs) is overridden.
#
#   benchmarks/scripts/fuzz-campaign.sh [-n RUNS] [-o DIR] [TARGET...]
#
# TARGET is Class#method (e.g. GccFuzzTest#clientDataBlocksDecode), Class (every target of the
# class) or nothing (every @FuzzTest of the core). The corpus of each target starts from its seeds
# in src/test/resources/<package>/<Class>Inputs/<method>/ and grows in DIR/corpus/<target>/ (the
# seeds are not touched); a finding is written to DIR/findings/ and the target's line says so.
# A finding kept as a seed is a file copied into the target's seeds directory.
set -euo pipefail

runs=10000000
out="${TMPDIR:-/tmp}/rdp-probe-fuzz"
while getopts "n:o:" opt; do
  case "$opt" in
    n) runs="$OPTARG" ;;
    o) out="$OPTARG" ;;
    *) echo "usage: $0 [-n RUNS] [-o DIR] [TARGET...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))

root="$(cd "$(dirname "$0")/../.." && pwd)"
core="$root/core"
cd "$root"
./mvnw -o -B -q -pl core test-compile
cpfile="$out/classpath.txt"
mkdir -p "$out/corpus" "$out/findings" "$out/logs"
./mvnw -o -B -q -pl core dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$cpfile"
cp="$core/target/test-classes:$core/target/classes:$(cat "$cpfile")"

# every "@FuzzTest ... void name(" of the core's tests, as path:Class#method
all_targets() {
  grep -rl --include='*FuzzTest.java' '@FuzzTest' "$core/src/test/java" | sort | while read -r f; do
    cls="$(basename "$f" .java)"
    awk -v c="$cls" '/@FuzzTest/ {want=1; next}
      want && match($0, /void [A-Za-z0-9_]+\(/) {print c "#" substr($0, RSTART+5, RLENGTH-6); want=0}' "$f"
  done
}

selected=()
if [ $# -eq 0 ]; then
  mapfile -t selected < <(all_targets)
else
  for t in "$@"; do
    if [[ "$t" == *"#"* ]]; then selected+=("$t"); else
      mapfile -t -O "${#selected[@]}" selected < <(all_targets | grep "^$t#")
    fi
  done
fi

printf '%-62s %12s %8s %10s %6s %6s %s\n' target executions seconds exec/s cov added findings
for t in "${selected[@]}"; do
  cls="${t%%#*}" method="${t##*#}"
  src="$(grep -rl --include="$cls.java" "class $cls" "$core/src/test/java" | head -1)"
  pkg="$(sed -n 's/^package \(.*\);/\1/p' "$src")"
  fqcn="$pkg.$cls"
  seeds="$core/src/test/resources/${pkg//.//}/${cls}Inputs/$method"
  corpus="$out/corpus/$cls-$method"
  mkdir -p "$corpus"
  log="$out/logs/$cls-$method.log"
  dirs=("$corpus")
  [ -d "$seeds" ] && dirs+=("$seeds")
  start=$(date +%s.%N)
  set +e
  java -cp "$cp" com.code_intelligence.jazzer.Jazzer --target_class="$fqcn" \
    --target_method="$method" --instrumentation_includes='dev.rdpprobe.**' \
    -runs="$runs" -max_total_time=864000 -print_final_stats=1 -artifact_prefix="$out/findings/$cls-$method-" \
    "${dirs[@]}" >"$log" 2>&1
  rc=$?
  set -e
  end=$(date +%s.%N)
  executed="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  added="$(sed -n 's/^stat::new_units_added: *//p' "$log" | tail -1)"
  cov="$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)"
  findings="$(find "$out/findings" -name "$cls-$method-*" | wc -l)"
  secs="$(echo "$end - $start" | bc)"
  rate="$(echo "${executed:-0} / $secs" | bc)"
  verdict="$findings"
  [ "$rc" -ne 0 ] && verdict="$findings (exit $rc, see $log)"
  printf '%-62s %12s %8.0f %10s %6s %6s %s\n' "$t" "${executed:-?}" "$secs" "$rate" "${cov:-?}" \
    "${added:-?}" "$verdict"
done
