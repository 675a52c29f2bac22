# Sourced by every command in bin/: finds the repository (or distribution) root, a JDK >= 21 and
# the jars. Never set JAVA_HOME yourself: this looks in JAVA_HOME, then `java` on the PATH, then
# /usr/lib/jvm and the other usual install folders, and takes the first JDK of version 21 or newer.

OPENLL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

openll_java_version() { # prints the feature version of the java binary $1, or nothing
  local home release
  home="$(cd "$(dirname "$(readlink -f "$1")")/.." 2>/dev/null && pwd)"
  release="$home/release"
  if [ -f "$release" ]; then # reading the JDK's release file costs no JVM start
    sed -n 's/^JAVA_VERSION="\(1\.\)\{0,1\}\([0-9]*\).*/\2/p' "$release" | head -n 1
  else
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
  fi
}

openll_find_java() {
  local candidate version
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java 2>/dev/null)" \
      /usr/lib/jvm/*/bin/java /usr/java/*/bin/java /opt/java/*/bin/java /opt/*jdk*/bin/java \
      "$HOME"/.sdkman/candidates/java/*/bin/java; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    version=$(openll_java_version "$candidate")
    if [ -n "$version" ] && [ "$version" -ge 21 ]; then
      OPENLL_JAVA="$candidate"
      OPENLL_JAVA_HOME="$(cd "$(dirname "$candidate")/.." && pwd)"
      return 0
    fi
  done
  echo "openll: no Java 21 or newer found (looked at JAVA_HOME, java on the PATH and /usr/lib/jvm); install a JDK >= 21" >&2
  return 1
}

openll_classpath() {
  if [ ! -f "$OPENLL_ROOT/lib/common.jar" ]; then
    echo "openll: $OPENLL_ROOT/lib is missing: build first with '$OPENLL_ROOT/openll build'" >&2
    return 1
  fi
  OPENLL_CLASSPATH="$OPENLL_ROOT/lib/*"
}

# Commands are short-lived JVMs: C1 only and the serial collector start fastest (build-notes.md).
# No -Xshare flag: the default CDS archive is used anyway, and -Xshare forbids -XX:AOTCacheOutput.
# No log4j bridge for java.util.logging: gRPC's classes log through it, and the bridge would start
# log4j (some 600 classes and an XML parser) in every command.
OPENLL_CLI_FLAGS=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Dopenll.log.level=warn
  -Dguice_bytecode_gen_option=DISABLED --enable-native-access=ALL-UNNAMED)

# The commands' JDK AOT cache (JDK 25+, docs/performance.md): classes loaded, linked and
# initialised by a training run at build time, mapped at start (llq ~0.85 s -> ~0.55 s here). Its
# name holds a hash of the JDK and of every jar's name, size and mtime, because JDK 25.0.3 can use
# a stale cache after a jar changed; a cache of other jars is simply never looked at. A missing or
# unusable cache never fails a command: the JVM then starts without it, silently.
openll_aot_cache() { # prints the path of the cache matching this JDK and lib/*.jar
  local key
  key=$( { echo "$OPENLL_JAVA"; cat "$OPENLL_JAVA_HOME/release" 2>/dev/null; \
    stat -c '%n %s %Y' "$OPENLL_ROOT"/lib/*.jar; } | cksum | cut -d' ' -f1)
  echo "$OPENLL_ROOT/lib/aot/cli-$key.aot"
}

openll_aot_flags() { # sets OPENLL_AOT_FLAGS to use the cache when it exists and this JDK has AOT caches
  OPENLL_AOT_FLAGS=()
  local version cache
  version=$(openll_java_version "$OPENLL_JAVA")
  [ -n "$version" ] && [ "$version" -ge 25 ] || return 0
  cache=$(openll_aot_cache)
  [ -f "$cache" ] && OPENLL_AOT_FLAGS=(-XX:AOTCache="$cache" -Xlog:aot*=off -Xlog:cds*=off)
  return 0
}

# Builds the cache with a training run (org.openll.cli.CommandTraining): llsubmit, llq, llq -l,
# llq --json and llcancel against a stand-in schedd on a command socket of a scratch home, the path
# a command takes on a daemon's machine (no netty, no TLS: their classes would be loaded by every
# command that maps the cache). Old caches go.
openll_build_aot_cache() {
  openll_find_java && openll_classpath || return 1
  local version cache scratch
  version=$(openll_java_version "$OPENLL_JAVA")
  if [ -z "$version" ] || [ "$version" -lt 25 ]; then
    echo "openll: JDK $version has no AOT cache; commands start without one" >&2
    return 0
  fi
  cache=$(openll_aot_cache)
  mkdir -p "$OPENLL_ROOT/lib/aot"
  rm -f "$OPENLL_ROOT"/lib/aot/cli-*.aot
  scratch=$(mktemp -d)
  "$OPENLL_JAVA" "${OPENLL_CLI_FLAGS[@]}" -XX:AOTCacheOutput="$cache.tmp" \
    -Xlog:aot*=off -Xlog:cds*=off -cp "$OPENLL_CLASSPATH" org.openll.cli.CommandTraining "$scratch" >/dev/null 2>&1 || true
  rm -rf "$scratch"
  if [ -f "$cache.tmp" ]; then
    mv "$cache.tmp" "$cache"
    echo "openll: commands' AOT cache $cache"
  else
    echo "openll: could not build the commands' AOT cache; commands start without one" >&2
  fi
}

openll_run_command() { # $1 = command name, rest = its arguments
  openll_find_java && openll_classpath || exit 1
  openll_aot_flags
  exec "$OPENLL_JAVA" "${OPENLL_CLI_FLAGS[@]}" "${OPENLL_AOT_FLAGS[@]}" -cp "$OPENLL_CLASSPATH" org.openll.cli.LlMain "$@"
}
