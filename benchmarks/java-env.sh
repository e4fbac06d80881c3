# Sourced by the benchmark scripts: picks a JDK 25, compiles the benchmarks (they are test sources)
# and exports BENCH_CP, the classpath with JMH and Recur's classes.
major() { "$1" -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -n 1; }
if [ -z "${JAVA_HOME:-}" ] || [ "$(major "$JAVA_HOME/bin/java")" -lt 25 ] 2>/dev/null; then
  for d in /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    if [ -x "$d/bin/java" ] && [ "$(major "$d/bin/java")" -ge 25 ] 2>/dev/null; then JAVA_HOME=$d; break; fi
  done
fi
export JAVA_HOME
./mvnw -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2
BENCH_CP="target/test-classes:target/classes:$(cat target/bench.classpath)"
export BENCH_CP
