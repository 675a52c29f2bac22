#!/bin/sh
# Builds openll-exec (openll-exec.c) into OUT_DIR with the C compiler `cc`, static when the C
# library's static archive is there, else dynamic. Without a compiler it says so and succeeds:
# starters then use setsid(1) and a shell to start a step (docs/starter.md).
#   build.sh SOURCE_DIR OUT_DIR
set -u
src="$1" out="$2"
mkdir -p "$out"
rm -f "$out/openll-exec"
if ! command -v cc >/dev/null 2>&1; then
  echo "openll-exec: no C compiler (cc): starters start steps through setsid and sh instead" >&2
  exit 0
fi
cc -O2 -static -o "$out/openll-exec" "$src/openll-exec.c" 2>/dev/null \
  || cc -O2 -o "$out/openll-exec" "$src/openll-exec.c" \
  || { echo "openll-exec: cc failed: starters start steps through setsid and sh instead" >&2; rm -f "$out/openll-exec"; }
exit 0
