#!/bin/sh
# benchmarks/run.sh [JMH arguments...]
# Builds the benchmarks (compiled with the test sources) and runs JMH on them with the Vector API module.
#   benchmarks/run.sh KernelBenchmark -f 1 -wi 2 -i 3          # all kernel benchmarks, short
#   benchmarks/run.sh 'KernelBenchmark.gemm$' -p path=vector    # one benchmark, one parameter value
#   benchmarks/run.sh -h                                        # JMH's own options
#   benchmarks/run.sh --table [shape...]                        # GEMM GFLOP/s table by CPU time (shared machines)
# BENCH_JAVA_OPTS adds options to the runner JVM (e.g. -Djmh.ignoreLock=true when another JMH holds /tmp/jmh.lock).
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"

java_major() { "$1" -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -n 1; }
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME/bin/java")" -lt 25 ] 2>/dev/null; then
  for d in /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    if [ -x "$d/bin/java" ] && [ "$(java_major "$d/bin/java")" -ge 25 ] 2>/dev/null; then JAVA_HOME=$d; break; fi
  done
fi
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME/bin/java")" -lt 25 ] 2>/dev/null; then
  echo "run.sh: needs a JDK 25 or newer (set JAVA_HOME)" >&2
  exit 1
fi
export JAVA_HOME

./mvnw -q -DskipTests test-compile
./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
if [ "${1:-}" = "--table" ]; then
  shift
  # shellcheck disable=SC2086
  exec "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector ${BENCH_JAVA_OPTS:-} -cp "$cp" dev.recur.bench.KernelTable "$@"
fi
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector ${BENCH_JAVA_OPTS:-} -cp "$cp" org.openjdk.jmh.Main \
  -jvmArgsAppend "--add-modules jdk.incubator.vector" "$@"
