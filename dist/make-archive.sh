#!/usr/bin/env bash
# Builds the distribution archive dist/target/openll-VERSION.tar.gz from a packaged build (run by
# `./openll build` after `mvnw package`): bin/ (the commands), lib/ (this build's jars, versions
# stripped, from dist/target/lib; lib/daemon/ the daemons' own), conf/ (an example multi-machine LoadL_config, LoadL_config.cm1
# and LoadL_admin), docs/, examples/ and README.md, all under openll-VERSION/. See
# docs/deployment.md. A plain tar: the Maven archive plugins are not in the offline repository.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="$root/dist/target"
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$root/pom.xml" | head -n 1)
if [ -z "$version" ] || ! compgen -G "$target/lib/*.jar" >/dev/null; then
  echo "make-archive: no packaged build in $target/lib (run ./openll build)" >&2
  exit 1
fi
top="openll-$version"
stage="$target/stage"
rm -rf "$stage"
mkdir -p "$stage/$top/lib/daemon" "$stage/$top/lib/commands" "$stage/$top/docs"
cp -a "$root/bin" "$stage/$top/bin"
cp "$target"/lib/*.jar "$stage/$top/lib/"
cp "$target"/lib/daemon/*.jar "$stage/$top/lib/daemon/"
cp "$target"/lib/commands/openll-commands.jar "$stage/$top/lib/commands/"
[ ! -d "$target/lib/daemon/native" ] || cp -a "$target/lib/daemon/native" "$stage/$top/lib/daemon/"
cp -a "$root/dist/src/conf" "$stage/$top/conf"
cp "$root"/docs/*.md "$stage/$top/docs/"
cp -a "$root/examples" "$stage/$top/examples"
cp "$root/README.md" "$stage/$top/"
chmod 755 "$stage/$top"/bin/*
tar -C "$stage" --owner=0 --group=0 --sort=name -czf "$target/$top.tar.gz" "$top"
rm -rf "$stage"
echo "openll: distribution archive $target/$top.tar.gz"
