# Sourced by the benchmark scripts (POSIX sh): picks a JDK 25, compiles the benchmarks (they are test
# sources) and exports BENCH_CP, the classpath with JMH and Recur's classes.
java_major() { "$1" -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -n 1; }
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME/bin/java")" -lt 25 ] 2>/dev/null; then
  for d in /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    if [ -x "$d/bin/java" ] && [ "$(java_major "$d/bin/java")" -ge 25 ] 2>/dev/null; then JAVA_HOME=$d; break; fi
  done
fi
if [ -z "${JAVA_HOME:-}" ] || [ "$(java_major "$JAVA_HOME/bin/java")" -lt 25 ] 2>/dev/null; then
  echo "benchmarks: needs a JDK 25 or newer (set JAVA_HOME)" >&2
  exit 1
fi
export JAVA_HOME
# -pl core: the benchmarks belong to the core module (core/pom.xml, building into the top-level target/)
./mvnw -q -B -DskipTests -pl core test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$PWD/target/bench-classpath.txt" >/dev/null
BENCH_CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
export BENCH_CP
