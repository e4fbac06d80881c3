#!/usr/bin/env bash
# Side-by-side: the same RNN configs in Recur and in the peers people pick, in one run on this machine:
#   PyTorch 1.13 (Debian's python3-torch on OpenBLAS), libtorch 2.7.1 through DJL (oneDNN/MKL inside) and
#   ONNX Runtime 1.23.2 (Java), from benchmarks/peers, a Maven module of its own so Recur never depends on them.
# The peers and Recur load the same weights and inputs (benchmarks/peers/export_models.py, torch.onnx.export
# for ONNX Runtime) and each checks its output against PyTorch's before anything is timed. Thread counts are
# set explicitly (1-thread runs pinned to one core); the measured FMA peak gives the "% of peak" columns.
# Writes benchmarks/results/compare-<date>.{raw.csv,csv,md,png} (+ sweep-<date>.* with SWEEP=1) and prints
# the table. Installs Debian's python3-torch and libopenblas0-pthread when missing.
#
#   benchmarks/compare.sh                     # threads 1 and 2, every row (about 20 minutes)
#   QUICK=1 benchmarks/compare.sh             # short timings (about 8 minutes): a smoke run, not a result
#   SWEEP=1 benchmarks/compare.sh             # also the cost sweep (hidden, steps, batch; about 10 minutes more)
#   THREADS="1" PEERS="ort" benchmarks/compare.sh   # a subset (PEERS: any of "pytorch djl ort")
set -euo pipefail
cd "$(dirname "$0")/.."
THREADS=${THREADS:-"1 2"}
QUICK=${QUICK:-0}
SWEEP=${SWEEP:-0}
PEERS=${PEERS:-"pytorch djl ort"}
PIN_CPU=${PIN_CPU:-0}
PY=/usr/bin/python3
out=benchmarks/results
mkdir -p "$out"
stamp=${STAMP:-$(date -u +%Y-%m-%d)}

if ! $PY -c 'import torch' 2>/dev/null || ! dpkg-query -W -f='${Status}' libopenblas0-pthread 2>/dev/null | grep -q 'install ok installed'; then
  echo "compare: installing python3-torch and libopenblas0-pthread" >&2
  sudo_=""; [ "$(id -u)" = 0 ] || sudo_=sudo
  $sudo_ apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq --no-install-recommends python3-torch libopenblas0-pthread >/dev/null
fi

. benchmarks/java-env.sh   # JAVA_HOME (JDK 25) and BENCH_CP
peers=benchmarks/peers
models=$peers/target/models
jar=$peers/target/recur-peers.jar
if [ ! -f "$jar" ] || [ -n "$(find "$peers/src" "$peers/pom.xml" -newer "$jar" 2>/dev/null | head -n 1)" ]; then
  echo "compare: building $jar (libtorch and ONNX Runtime from Maven Central)" >&2
  ./mvnw -q -B -f "$peers/pom.xml" package >&2
fi
if [ ! -f "$models/S_lstm.onnx" ] || { [ "$SWEEP" = 1 ] && [ ! -f "$models/sweep_h1024.onnx" ]; }; then
  echo "compare: exporting the models with PyTorch $($PY -c 'import torch; print(torch.__version__)')" >&2
  $PY "$peers/export_models.py" "$models" $([ "$SWEEP" = 1 ] && echo --sweep) >&2
fi

if [ "$QUICK" = 1 ]; then
  pyargs="--repeats 3 --min-seconds 0.5"; jmhargs="-f 1 -wi 3 -w 1s -i 3 -r 1s"; peerargs="--warmup 1 --runs 3 --min 0.5"
else
  pyargs="--repeats 5 --min-seconds 2"; jmhargs="-f 2 -wi 5 -w 2s -i 4 -r 2s"; peerargs="--warmup 3 --runs 5 --min 2"
fi
# Timings can be set one by one (JMH's, benchmarks/peers' bench options, pytorch_bench.py's).
jmhargs=${JMH_ARGS:-$jmhargs}; peerargs=${PEER_ARGS:-$peerargs}; pyargs=${PY_ARGS:-$pyargs}
jvm_vec="--add-modules jdk.incubator.vector"
peer_env=(env ENGINE_CACHE_DIR="$peers/target/cache" DJL_CACHE_DIR="$peers/target/cache")
raw=$out/compare-$stamp.raw.csv
echo "framework,config,cell,threads,mode,value,unit" > "$raw"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u +%H:%M)

for t in $THREADS; do
  pin=(); [ "$t" = 1 ] && pin=(taskset -c "$PIN_CPU")
  echo "compare: FMA peak, $t thread(s)" >&2
  "${pin[@]}" "$JAVA_HOME/bin/java" -cp "$BENCH_CP" org.openjdk.jmh.Main 'dev.recur.bench.FmaPeakBenchmark' -t "$t" \
    -rf csv -rff "$out/jmh-peak-$t.csv" >&2
  "$JAVA_HOME/bin/java" $jvm_vec -cp "$BENCH_CP" dev.recur.bench.CompareReport peak "$out/jmh-peak-$t.csv" "$t" >> "$raw"
  for p in $PEERS; do
    echo "compare: $p, $t thread(s)" >&2
    case $p in
      pytorch)
        OMP_NUM_THREADS=$t OPENBLAS_NUM_THREADS=$t MKL_NUM_THREADS=$t OMP_WAIT_POLICY=PASSIVE \
          "${pin[@]}" $PY benchmarks/pytorch_bench.py --threads "$t" $pyargs >> "$raw" ;;
      djl|ort)
        OMP_NUM_THREADS=$t MKL_NUM_THREADS=$t "${peer_env[@]}" "${pin[@]}" "$JAVA_HOME/bin/java" \
          --enable-native-access=ALL-UNNAMED -Xmx2g -jar "$jar" bench --peer "$p" --threads "$t" --models "$models" \
          $peerargs >> "$raw" ;;
      *) echo "compare: unknown peer $p" >&2; exit 2 ;;
    esac
  done
  echo "compare: Recur, $t thread(s)" >&2
  jmhcsv=$out/jmh-$t.csv
  "${pin[@]}" "$JAVA_HOME/bin/java" -cp "$BENCH_CP" org.openjdk.jmh.Main 'dev.recur.bench.CompareBenchmark' $jmhargs \
    -jvmArgsAppend "$jvm_vec -Drecur.threads=$t -Drecur.bench.models=$models" -rf csv -rff "$jmhcsv" >&2
  "$JAVA_HOME/bin/java" -cp "$BENCH_CP" dev.recur.bench.CompareReport jmh "$jmhcsv" "$t" >> "$raw"
done

kernels=$out/compare-$stamp.kernels.csv
if [[ " $PEERS " == *" djl "* || " $PEERS " == *" ort "* ]]; then
  echo "compare: which kernels the peers run" >&2
  "$peers/kernel-paths.sh" "$models" 1 > "$kernels"
fi
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
"$JAVA_HOME/bin/java" $jvm_vec -Djava.awt.headless=true -cp "$BENCH_CP" dev.recur.bench.CompareReport report "$raw" "$kernels" "$out/compare-$stamp"
{
  echo
  echo "Run: $stamp $started–$(date -u +%H:%M) UTC; $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) CPUs;"
  echo "$("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1); load average (1/5/15 min) before $load_before, after $load_after."
} | tee -a "$out/compare-$stamp.md"

if [ "$SWEEP" = 1 ]; then
  sweep=$out/sweep-$stamp.raw.csv
  echo "framework,axis,hidden,steps,batch,threads,seq/s" > "$sweep"
  echo "compare: cost sweep, Recur and ONNX Runtime, 1 thread" >&2
  taskset -c "$PIN_CPU" "$JAVA_HOME/bin/java" $jvm_vec -Drecur.threads=1 -cp "$BENCH_CP" dev.recur.bench.Sweep "$models" \
    "$([ "$QUICK" = 1 ] && echo 0.3 || echo 1)" >> "$sweep"
  OMP_NUM_THREADS=1 "${peer_env[@]}" taskset -c "$PIN_CPU" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx4g \
    -jar "$jar" sweep --peer ort --threads 1 --models "$models" --warmup 1 --runs 3 \
    --min "$([ "$QUICK" = 1 ] && echo 0.3 || echo 1)" >> "$sweep"
  "$JAVA_HOME/bin/java" -Djava.awt.headless=true -cp "$BENCH_CP" dev.recur.bench.CompareReport sweep "$sweep" "$out/sweep-$stamp"
fi
echo "compare: wrote $out/compare-$stamp.{raw.csv,csv,md,png}$([ "$SWEEP" = 1 ] && echo " and sweep-$stamp.*")" >&2
