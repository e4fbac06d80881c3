#!/bin/sh
# benchmarks/run.sh [JMH arguments...]
# Builds the benchmarks (compiled with the test sources) and runs JMH on them with the Vector API module.
#   benchmarks/run.sh KernelBenchmark -f 1 -wi 2 -i 3          # all kernel benchmarks, short
#   benchmarks/run.sh 'KernelBenchmark.gemm$' -p path=vector    # one benchmark, one parameter value
#   benchmarks/run.sh -h                                        # JMH's own options
#   benchmarks/run.sh --table [shape...]                        # GEMM GFLOP/s table by CPU time (shared machines)
# BENCH_JAVA_OPTS adds options to the runner JVM (e.g. -Djmh.ignoreLock=true when another JMH holds /tmp/jmh.lock).
set -e
cd "$(dirname "$0")/.."
. benchmarks/java-env.sh
if [ "${1:-}" = "--table" ]; then
  shift
  # shellcheck disable=SC2086
  exec "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector ${BENCH_JAVA_OPTS:-} -cp "$BENCH_CP" dev.recur.bench.KernelTable "$@"
fi
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector ${BENCH_JAVA_OPTS:-} -cp "$BENCH_CP" org.openjdk.jmh.Main \
  -jvmArgsAppend "--add-modules jdk.incubator.vector" "$@"
