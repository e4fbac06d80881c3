#!/usr/bin/env bash
# Side-by-side: the same RNN configs in PyTorch and in Recur, in one run on this machine.
# Writes benchmarks/results/compare-<date>.{csv,md,png}. Installs Debian's python3-torch and
# libopenblas0-pthread when missing (PyTorch on the reference BLAS would be an unfair 18x slower).
#
#   benchmarks/compare.sh                 # threads 1 and 2, all configs (about 15 minutes)
#   THREADS="1" QUICK=1 benchmarks/compare.sh   # one thread, short runs (about 4 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
THREADS=${THREADS:-"1 2"}
QUICK=${QUICK:-0}
PY=/usr/bin/python3
out=benchmarks/results
mkdir -p "$out"
stamp=$(date -u +%Y-%m-%d)

if ! $PY -c 'import torch' 2>/dev/null || ! dpkg-query -W -f='${Status}' libopenblas0-pthread 2>/dev/null | grep -q 'install ok installed'; then
  echo "compare: installing python3-torch and libopenblas0-pthread" >&2
  sudo_=""; [ "$(id -u)" = 0 ] || sudo_=sudo
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq --no-install-recommends python3-torch libopenblas0-pthread >/dev/null
fi

. benchmarks/java-env.sh   # JAVA_HOME (JDK 25) and BENCH_CP

raw=$out/compare-$stamp.raw.csv
echo "framework,config,cell,threads,mode,value,unit" > "$raw"
if [ "$QUICK" = 1 ]; then pyargs="--repeats 3 --min-seconds 0.5"; jmhargs="-f 1 -wi 2 -w 1s -i 3 -r 1s"
else pyargs="--repeats 5 --min-seconds 2"; jmhargs="-f 2 -wi 3 -w 2s -i 5 -r 2s"; fi

for t in $THREADS; do
  echo "compare: PyTorch, $t thread(s)" >&2
  OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t MKL_NUM_THREADS=$t OMP_WAIT_POLICY=PASSIVE \
    $PY benchmarks/pytorch_bench.py --threads "$t" $pyargs >> "$raw"
  echo "compare: Recur, $t thread(s)" >&2
  jmhcsv=$out/jmh-$t.csv
  "$JAVA_HOME/bin/java" -cp "$BENCH_CP" org.openjdk.jmh.Main 'dev.recur.bench.CompareBenchmark' $jmhargs \
    -jvmArgsAppend "--add-modules jdk.incubator.vector -Drecur.threads=$t" -rf csv -rff "$jmhcsv" >&2
  "$JAVA_HOME/bin/java" -cp "$BENCH_CP" dev.recur.bench.CompareReport jmh "$jmhcsv" "$t" >> "$raw"
done
"$JAVA_HOME/bin/java" -Djava.awt.headless=true -cp "$BENCH_CP" dev.recur.bench.CompareReport report "$raw" "$out/compare-$stamp"
echo "compare: wrote $out/compare-$stamp.csv, .md and .png" >&2
