#!/bin/sh
# Builds, with the C compiler `cc`, into OUT_DIR:
#  - openll-exec (openll-exec.c), static when the C library's static archive is there, else dynamic;
#  - libopenll-spawn.so (openll-spawn.c), the JNI half of NativeSpawn, with JAVA_HOME's jni.h.
# Without a compiler (or jni.h, or a C library with closefrom and strerrordesc_np, glibc 2.34+) it
# says so and succeeds: starters then start steps through setsid and a shell, or through the JDK's
# ProcessBuilder (docs/starter.md).
#   build.sh SOURCE_DIR OUT_DIR JAVA_HOME
set -u
src="$1" out="$2" java_home="${3:-}"
mkdir -p "$out"
rm -f "$out/openll-exec" "$out/libopenll-spawn.so"
if ! command -v cc >/dev/null 2>&1; then
  echo "openll-exec: no C compiler (cc): starters start steps through setsid and sh instead" >&2
  exit 0
fi
cc -O2 -static -o "$out/openll-exec" "$src/openll-exec.c" 2>/dev/null \
  || cc -O2 -o "$out/openll-exec" "$src/openll-exec.c" \
  || { echo "openll-exec: cc failed: starters start steps through setsid and sh instead" >&2; rm -f "$out/openll-exec"; }
if [ -f "$java_home/include/jni.h" ]; then
  cc -O2 -shared -fPIC -Wall -I"$java_home/include" -I"$java_home/include/linux" \
    -o "$out/libopenll-spawn.so" "$src/openll-spawn.c" \
    || { echo "libopenll-spawn: cc failed: starters start steps through the JDK's ProcessBuilder" >&2; rm -f "$out/libopenll-spawn.so"; }
else
  echo "libopenll-spawn: no jni.h in '$java_home/include': starters start steps through the JDK's ProcessBuilder" >&2
fi
exit 0
