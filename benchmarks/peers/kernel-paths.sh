#!/usr/bin/env bash
# Which kernels each peer runs, one call of each benchmark job at THREADS threads, as CSV rows
#   framework,config,cell,mode,kernels
# libtorch: ONEDNN_VERBOSE=1 and MKL_VERBOSE=1 (oneDNN primitives: kind, implementation, propagation kind;
# oneMKL BLAS calls), counted per call. ONNX Runtime: its session profiler (op@execution provider, counted).
# usage: benchmarks/peers/kernel-paths.sh MODELS_DIR [THREADS]   (needs target/recur-peers.jar: see run-peers.sh)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
models=${1:?usage: kernel-paths.sh MODELS_DIR [THREADS]}
t=${2:-1}
jar=$here/target/recur-peers.jar
export OMP_NUM_THREADS=$t MKL_NUM_THREADS=$t ENGINE_CACHE_DIR=$here/target/cache DJL_CACHE_DIR=$here/target/cache
jvm=(--enable-native-access=ALL-UNNAMED -Xmx2g)
log=$(mktemp)
ONEDNN_VERBOSE=1 MKL_VERBOSE=1 "$JAVA_HOME/bin/java" "${jvm[@]}" -jar "$jar" probe --peer djl --threads "$t" \
    --models "$models" > "$log" 2>/dev/null
echo "framework,config,cell,mode,kernels"
awk '
/^peer:/ {fw=$2; next}
/^prepare:/ {sec=""; next}
/^probe:/ {sec=substr($0, 8); order[++ns]=sec; next}
sec != "" && /onednn_verbose/ && /,exec,/ {split($0,f,","); add(sec, "oneDNN " f[6] " " f[7] " " f[8]); next}
sec != "" && /^MKL_VERBOSE/ && !/oneMKL/ {split($2,a,"("); add(sec, "oneMKL " a[1]); next}
function add(s, k) { if (!((s, k) in c)) { keys[s] = keys[s] (keys[s] == "" ? "" : SUBSEP) k }; c[s, k]++ }
END { for (i = 1; i <= ns; i++) { s = order[i]; n = split(keys[s], ks, SUBSEP); out = "";
        for (j = 1; j <= n; j++) out = out (j > 1 ? "; " : "") ks[j] " x" c[s, ks[j]];
        if (out == "") out = "ATen (no oneDNN primitive or MKL call logged)";
        printf "%s,%s,\"%s\"\n", fw, s, out } }
' "$log"
rm -f "$log"
"$JAVA_HOME/bin/java" "${jvm[@]}" -jar "$jar" kernels --peer ort --threads "$t" --models "$models" 2>/dev/null \
  | awk -F, '{ printf "%s,%s,%s,%s,\"%s\"\n", $1, $2, $3, $4, $5 }'
