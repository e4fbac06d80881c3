# Sourced by ./recur and ./mvnw (POSIX sh): selects a JDK 25 or newer and exports JAVA_HOME, so both README
# commands work where another Java comes first on the PATH and JAVA_HOME is unset. Order: JAVA_HOME, the
# `java` on the PATH, then the JDKs under RECUR_JDK_DIRS (default: /usr/lib/jvm /usr/java /opt/java
# /Library/Java/JavaVirtualMachines ~/.sdkman/candidates/java ~/.jdks), folders named *25* first.
# When none is found: one line naming the Java found and how to point at a 25, and a non-zero status.
# Usage: . .mvn/jdk.sh && recur_select_jdk NAME [note] || exit 1
#   NAME prefixes the messages; with "note", a JAVA_HOME that was passed over is mentioned on stderr.

recur_java_major() {
  # the "release" file of a JDK answers without starting a JVM; `java -version` otherwise
  if [ -f "$1/release" ]; then
    _v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -n 1)
    [ -n "$_v" ] && { echo "$_v"; return; }
  fi
  recur_java_bin_major "$1/bin/java"
}

recur_java_bin_major() { "$1" -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -n 1; }

# a JDK home with java and javac of version 25 or newer
recur_jdk_ok() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  _m=$(recur_java_major "$1")
  [ -n "$_m" ] && [ "$_m" -ge 25 ] 2>/dev/null
}

# the home of the `java` found on the PATH (symlinks resolved), empty if there is none
recur_path_java_home() {
  _j=$(command -v java 2>/dev/null || true)
  [ -n "$_j" ] || return 0
  _j=$(readlink -f "$_j" 2>/dev/null || echo "$_j")
  dirname "$(dirname "$_j")"
}

# "Java 17", or what is wrong with a folder that is not a JDK
recur_describe() {
  if [ ! -x "$1/bin/java" ]; then echo "no bin/java there"; return; fi
  _m=$(recur_java_major "$1")
  if [ ! -x "$1/bin/javac" ]; then echo "Java ${_m:-of unknown version}, without javac"; return; fi
  echo "Java ${_m:-of unknown version}"
}

recur_select_jdk() {
  _name=$1
  _given=${JAVA_HOME:-}
  if [ -n "$_given" ] && recur_jdk_ok "$_given"; then export JAVA_HOME; return 0; fi
  _pick=""
  _path_home=$(recur_path_java_home)
  if [ -n "$_path_home" ] && recur_jdk_ok "$_path_home"; then
    _pick=$_path_home
  else
    _globbing=1
    case $- in *f*) _globbing=0; set +f ;; esac
    for _base in ${RECUR_JDK_DIRS-/usr/lib/jvm /usr/java /opt/java /Library/Java/JavaVirtualMachines $HOME/.sdkman/candidates/java $HOME/.jdks}; do
      for _d in "$_base"/*25* "$_base"/*; do
        for _h in "$_d" "$_d/Contents/Home"; do
          if [ -z "$_pick" ] && recur_jdk_ok "$_h"; then _pick=$_h; fi
        done
      done
    done
    [ "$_globbing" = 1 ] || set -f
  fi
  if [ -n "$_pick" ]; then
    if [ -n "$_given" ] && [ "${2:-}" = note ]; then
      echo "$_name: JAVA_HOME ($_given) is not a JDK 25; using $_pick" >&2
    fi
    JAVA_HOME=$_pick
    export JAVA_HOME
    return 0
  fi
  if [ -n "$_given" ]; then
    _found="JAVA_HOME is $_given ($(recur_describe "$_given"))"
  elif [ -n "$_path_home" ]; then
    _m=$(recur_java_bin_major "$(command -v java)")
    _found="the java on the PATH is $(command -v java) (Java ${_m:-of unknown version}$([ -x "$_path_home/bin/javac" ] || echo ', without javac'))"
  else
    _found="there is no java on the PATH and JAVA_HOME is unset"
  fi
  echo "$_name: needs a JDK 25 or newer, but $_found and no JDK 25 was found; install one (e.g. under /usr/lib/jvm) or set JAVA_HOME=/path/to/jdk-25" >&2
  return 1
}
