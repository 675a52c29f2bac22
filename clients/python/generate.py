#!/usr/bin/python3
"""Writes openll_v1.binpb: the descriptors of every openll.v1 .proto file (a FileDescriptorSet,
with google/protobuf/timestamp.proto included), compiled by the build's own protoc.

Why a descriptor set and not generated *_pb2.py modules: the build's protoc (protobuf 4.36.2 in
pom.xml, "libprotoc 36.2") writes Python code that demands a protobuf runtime of the same major
version (7.36) and refuses to import on Debian bookworm's python3-protobuf 4.21. A descriptor set
is plain protobuf data that every runtime reads; openll_client.py makes the message classes from
it when it starts and calls the service through gRPC's generic API, so no gRPC plugin is needed.

Run after a Maven build (it fetches protoc and protobuf-java into the local Maven repository):
    clients/python/generate.py [--out FILE]
Environment: OPENLL_PROTOC (a protoc to use instead), OPENLL_M2_REPO (default ~/.m2/repository).
"""
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PROTO_ROOT = os.path.join(ROOT, "proto", "src", "main", "protobuf")
DEFAULT_OUT = os.path.join(HERE, "openll_v1.binpb")


def fail(message):
    print("generate.py: " + message, file=sys.stderr)
    sys.exit(1)


def protobuf_version():
    with open(os.path.join(ROOT, "pom.xml"), encoding="utf-8") as pom:
        found = re.search(r"<protobuf\.version>([^<]+)</protobuf\.version>", pom.read())
    if not found:
        fail("no <protobuf.version> in " + os.path.join(ROOT, "pom.xml"))
    return found.group(1)


def protoc_in_maven_repo(repo, version):
    arch = {"x86_64": "x86_64", "amd64": "x86_64", "aarch64": "aarch_64"}.get(platform.machine().lower())
    if arch is None or not sys.platform.startswith("linux"):
        fail("no protoc known for %s %s: set OPENLL_PROTOC" % (sys.platform, platform.machine()))
    path = os.path.join(repo, "com", "google", "protobuf", "protoc", version,
                        "protoc-%s-linux-%s.exe" % (version, arch))
    if not os.path.isfile(path):
        fail("%s is missing: build first (./openll build) so that Maven fetches protoc %s" % (path, version))
    return path


def main(args):
    out = DEFAULT_OUT
    if args[:1] == ["--out"] and len(args) == 2:
        out = os.path.abspath(args[1])
    elif args:
        fail("usage: generate.py [--out FILE]")
    version = protobuf_version()
    repo = os.environ.get("OPENLL_M2_REPO") or os.path.join(os.path.expanduser("~"), ".m2", "repository")
    jar = os.path.join(repo, "com", "google", "protobuf", "protobuf-java", version, "protobuf-java-%s.jar" % version)
    if not os.path.isfile(jar):
        fail("%s is missing: build first (./openll build)" % jar)
    protos = sorted(os.path.join("openll", "v1", name)
                    for name in os.listdir(os.path.join(PROTO_ROOT, "openll", "v1")) if name.endswith(".proto"))
    with tempfile.TemporaryDirectory(prefix="openll-protoc-") as work:
        protoc = os.environ.get("OPENLL_PROTOC")
        if not protoc:
            # the repository's copy is not executable and is not ours to change: run a copy
            protoc = os.path.join(work, "protoc")
            shutil.copyfile(protoc_in_maven_repo(repo, version), protoc)
            os.chmod(protoc, 0o755)
        includes = os.path.join(work, "include")
        with zipfile.ZipFile(jar) as classes:  # the well-known types ship inside protobuf-java
            for name in classes.namelist():
                if name.startswith("google/protobuf/") and name.endswith(".proto"):
                    classes.extract(name, includes)
        command = [protoc, "-I" + PROTO_ROOT, "-I" + includes, "--include_imports",
                   "--descriptor_set_out=" + out + ".tmp"] + protos
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if done.returncode != 0:
            fail("protoc failed: " + done.stdout.strip())
    os.replace(out + ".tmp", out)
    print("generate.py: wrote %s from %d files with protoc %s" % (out, len(protos), version))


if __name__ == "__main__":
    main(sys.argv[1:])
