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
OPENLL_CLI_FLAGS=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -Dopenll.log.level=warn
  -Dguice_bytecode_gen_option=DISABLED --enable-native-access=ALL-UNNAMED
  -Djava.util.logging.manager=org.apache.logging.log4j.jul.LogManager)

openll_run_command() { # $1 = command name, rest = its arguments
  openll_find_java && openll_classpath || exit 1
  exec "$OPENLL_JAVA" "${OPENLL_CLI_FLAGS[@]}" -cp "$OPENLL_CLASSPATH" org.openll.cli.LlMain "$@"
}
