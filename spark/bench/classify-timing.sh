#!/bin/sh
# spark/bench/classify-timing.sh AUDIO_DIR [MODEL_DIR] [RUNS]
# Times the classification job in local[1] and local[2] against Recur's own classifier on the same files, and
# `recur classify` itself as a process (JVM start included). See docs/spark.md for the figures and the machine.
set -e
cd "$(dirname "$0")/../.."
. .mvn/jdk.sh   # JAVA_HOME: a JDK 25, as ./mvnw and ./recur pick it
recur_select_jdk classify-timing || exit 1
audio=$(cd "$1" && pwd)
model=${2:-target/timing-model}
runs=${3:-3}
./mvnw -q -B -DskipTests install -pl core -am >/dev/null
(cd spark && ../mvnw -q -B -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$PWD/target/timing-classpath.txt" >/dev/null)
flags=$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' spark/pom.xml)
# shellcheck disable=SC2086
SPARK_LOCAL_IP=127.0.0.1 "$JAVA_HOME/bin/java" $flags -Xmx4g -XX:+UseParallelGC \
  -Dlog4j2.configurationFile=spark/src/test/resources/log4j2.properties \
  -cp "spark/target/test-classes:spark/target/classes:$(cat spark/target/timing-classpath.txt)" \
  dev.recur.spark.ClassifyTiming "$audio" "$model" "$runs"
echo "./recur classify as a process (JVM start and JIT warm-up included, features computed afresh: --no-cache), $runs runs:"
for i in $(seq "$runs"); do
  /usr/bin/time -f "  wall %e s, CPU %U s user + %S s system" ./recur classify --model "$model" "$audio" --format csv --no-cache --quiet >/dev/null
done
