# Sourced by every command in bin/: finds the repository (or distribution) root, a JDK >= 21 and
# the jars. Never set JAVA_HOME yourself: this looks in JAVA_HOME, then `java` on the PATH, then
# /usr/lib/jvm and the other usual install folders, and takes the first JDK of version 21 or newer.
#
# A user types these commands often, so the common path forks no process before the JVM (each fork
# of sed, stat or a $(...) costs ~1-3 ms, and they added up to ~30 ms per command): bash builtins
# only, results in variables rather than printed.

openll_here=${BASH_SOURCE[0]%/*}
[ "$openll_here" != "${BASH_SOURCE[0]}" ] || openll_here=.
case "$openll_here" in /*) ;; .) openll_here=$PWD ;; *) openll_here="$PWD/${openll_here#./}" ;; esac
case "$openll_here" in
  */bin) OPENLL_ROOT=${openll_here%/bin} ;;
  *) OPENLL_ROOT=$(cd "$openll_here/.." && pwd) ;;
esac

openll_java_version() { # sets OPENLL_VERSION (feature version) and OPENLL_VERSION_HOME of the java binary $1
  local home=${1%/bin/java} line
  OPENLL_VERSION=""
  if [ "$home" = "$1" ] || [ ! -f "$home/release" ]; then # e.g. /usr/bin/java, a link into a JDK
    home=$(readlink -f "$1")
    home=${home%/bin/java}
  fi
  OPENLL_VERSION_HOME=$home
  if [ -f "$home/release" ]; then # reading the JDK's release file costs no JVM start
    while IFS= read -r line; do
      case "$line" in
        JAVA_VERSION=*)
          line=${line#JAVA_VERSION=\"}
          line=${line#1.}
          OPENLL_VERSION=${line%%[!0-9]*}
          return 0 ;;
      esac
    done < "$home/release"
  else
    OPENLL_VERSION=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1)
  fi
}

openll_try_java() { # takes java binary $1 when it is a JDK >= 21
  [ -n "$1" ] && [ -x "$1" ] || return 1
  openll_java_version "$1"
  [ -n "$OPENLL_VERSION" ] && [ "$OPENLL_VERSION" -ge 21 ] || return 1
  OPENLL_JAVA="$1"
  OPENLL_JAVA_HOME="$OPENLL_VERSION_HOME"
  OPENLL_JAVA_VERSION="$OPENLL_VERSION"
}

openll_find_java() { # sets OPENLL_JAVA, OPENLL_JAVA_HOME and OPENLL_JAVA_VERSION
  local candidate
  [ -n "${JAVA_HOME:-}" ] && openll_try_java "$JAVA_HOME/bin/java" && return 0
  openll_try_java "$(command -v java 2>/dev/null)" && return 0
  for candidate in /usr/lib/jvm/*/bin/java /usr/java/*/bin/java /opt/java/*/bin/java /opt/*jdk*/bin/java \
      "$HOME"/.sdkman/candidates/java/*/bin/java; do
    openll_try_java "$candidate" && return 0
  done
  echo "openll: no Java 21 or newer found (looked at JAVA_HOME, java on the PATH and /usr/lib/jvm); install a JDK >= 21" >&2
  return 1
}

# Two class paths: the commands' (lib/) and the daemons' (lib/ and lib/daemon/: the daemons' own
# jars, Prometheus, Guice, SQLite, gRPC's health service). The first time the JDK looks up a class
# or a resource that is not there (protobuf and java.util.logging do, in every command) it opens
# every jar of the class path, so each jar a command does not need costs it time, and so does each
# jar it needs: the build merges lib/*.jar into lib/commands/openll-commands.jar (CommandsJar,
# docs/performance.md), which the commands take while it is newer than each jar of lib/. llctl takes
# the daemons' class path: it starts them with its own.
openll_classpath() { # sets OPENLL_CLASSPATH (commands) and OPENLL_DAEMON_CLASSPATH
  if [ ! -f "$OPENLL_ROOT/lib/common.jar" ]; then
    echo "openll: $OPENLL_ROOT/lib is missing: build first with '$OPENLL_ROOT/openll build'" >&2
    return 1
  fi
  OPENLL_DAEMON_CLASSPATH="$OPENLL_ROOT/lib/*:$OPENLL_ROOT/lib/daemon/*"
  OPENLL_CLASSPATH="$OPENLL_ROOT/lib/*"
  local merged="$OPENLL_ROOT/lib/commands/openll-commands.jar" jar
  [ -f "$merged" ] || return 0
  for jar in "$OPENLL_ROOT"/lib/*.jar; do
    [ "$merged" -nt "$jar" ] || return 0
  done
  OPENLL_CLASSPATH=$merged
}

# Commands are short-lived JVMs: C1 only and the serial collector start fastest (build-notes.md).
# C1's compile thresholds ten times higher: a command's code runs a few times, and compiling it
# took ~45 % of llsubmit's CPU; with them llsubmit spends ~110 instead of ~160 ms of CPU and ~10 ms
# less wall time (docs/performance.md). Long listings still get their loops compiled.
# No -Xshare flag: the default CDS archive is used anyway, and -Xshare forbids -XX:AOTCacheOutput.
# No log4j bridge for java.util.logging: gRPC's classes log through it, and the bridge would start
# log4j (some 600 classes and an XML parser) in every command.
# No perf data: its memory-mapped file under /tmp/hsperfdata_USER cost every command ~1.5 ms.
OPENLL_CLI_FLAGS=(-XX:TieredStopAtLevel=1 -XX:CompileThresholdScaling=10 -XX:+UseSerialGC -XX:-UsePerfData -Dopenll.log.level=warn
  -Dguice_bytecode_gen_option=DISABLED --enable-native-access=ALL-UNNAMED)

# The commands' JDK AOT caches (JDK 25+, docs/performance.md): classes loaded, linked and
# initialised by a training run at build time, mapped at start. The everyday commands have a cache
# of their own (lib/aot/COMMAND.aot): a JVM loads every class of its cache at start, so one holding
# only that command's classes starts it sooner. The others share lib/aot/cli.aot. JDK 25.0.3 can
# use a stale cache after a jar changed, so a cache is used only when the stamp written with it
# (CACHE.for) names this java and exactly this set of jars, and the cache is newer than each jar and
# than the JDK's release file (builtin tests, no fork). A missing or unusable cache never fails a
# command: the JVM then starts without it, silently.
OPENLL_AOT_DIR="$OPENLL_ROOT/lib/aot"
OPENLL_AOT_COMMANDS=(llsubmit llq llcancel)

openll_aot_stamp() { # sets OPENLL_AOT_STAMP: this java, the commands' class path and the names of lib's jars
  local jars=("$OPENLL_ROOT"/lib/*.jar)
  OPENLL_AOT_STAMP="$OPENLL_JAVA ${OPENLL_CLASSPATH##*/} ${jars[*]##*/}"
}

openll_aot_flags() { # $1 = command; sets OPENLL_AOT_FLAGS to use its cache when it matches this JDK and lib/*.jar
  OPENLL_AOT_FLAGS=()
  local cache="$OPENLL_AOT_DIR/$1.aot" stamp jar
  [ -f "$cache" ] || cache="$OPENLL_AOT_DIR/cli.aot"
  [ -n "$OPENLL_JAVA_VERSION" ] && [ "$OPENLL_JAVA_VERSION" -ge 25 ] && [ -f "$cache" ] && [ -f "$cache.for" ] \
    && [ "$cache" -nt "$OPENLL_JAVA_HOME/release" ] || return 0
  IFS= read -r stamp < "$cache.for" || return 0
  openll_aot_stamp
  [ "$stamp" = "$OPENLL_AOT_STAMP" ] || return 0
  for jar in "$OPENLL_ROOT"/lib/*.jar "$OPENLL_ROOT"/lib/commands/*.jar; do
    [ "$cache" -nt "$jar" ] || return 0
  done
  OPENLL_AOT_FLAGS=(-XX:AOTCache="$cache" -Xlog:aot*=off -Xlog:cds*=off)
}

# Builds the caches with training runs (org.openll.cli.CommandTraining): llsubmit, llq, llq -l,
# llq --json and llcancel against a stand-in schedd on a command socket of a scratch home, the path
# a command takes on a daemon's machine (no netty, no TLS: their classes would be loaded by every
# command that maps the cache). Old caches go.
openll_build_aot_cache() {
  openll_find_java && openll_classpath || return 1
  if [ -z "$OPENLL_JAVA_VERSION" ] || [ "$OPENLL_JAVA_VERSION" -lt 25 ]; then
    echo "openll: JDK $OPENLL_JAVA_VERSION has no AOT cache; commands start without one" >&2
    return 0
  fi
  mkdir -p "$OPENLL_AOT_DIR"
  rm -f "$OPENLL_AOT_DIR"/cli.aot* "$OPENLL_AOT_DIR"/ll*.aot*
  local command built=()
  openll_aot_stamp
  for command in cli "${OPENLL_AOT_COMMANDS[@]}"; do
    openll_train_aot_cache "$OPENLL_AOT_DIR/$command.aot" "${command#cli}" && built+=("$command")
  done
  if [ "${#built[@]}" -gt 0 ]; then
    echo "openll: commands' AOT caches in $OPENLL_AOT_DIR: ${built[*]}"
  else
    echo "openll: could not build the commands' AOT caches; commands start without them" >&2
  fi
}

openll_train_aot_cache() { # $1 = cache file, $2 = the command it is for (empty: every command)
  local scratch
  scratch=$(mktemp -d)
  "$OPENLL_JAVA" "${OPENLL_CLI_FLAGS[@]}" -XX:AOTCacheOutput="$1.tmp" -Xlog:aot*=off -Xlog:cds*=off \
    -cp "$OPENLL_CLASSPATH" org.openll.cli.CommandTraining "$scratch" $2 >/dev/null 2>&1 || true
  rm -rf "$scratch"
  [ -f "$1.tmp" ] || return 1
  mv "$1.tmp" "$1"
  printf '%s\n' "$OPENLL_AOT_STAMP" > "$1.for"
}

openll_run_command() { # $1 = command name, rest = its arguments
  openll_find_java && openll_classpath || exit 1
  openll_aot_flags "$1"
  local classpath=$OPENLL_CLASSPATH
  [ "$1" != llctl ] || classpath=$OPENLL_DAEMON_CLASSPATH
  exec "$OPENLL_JAVA" "${OPENLL_CLI_FLAGS[@]}" "${OPENLL_AOT_FLAGS[@]}" -cp "$classpath" org.openll.cli.LlMain "$@"
}
