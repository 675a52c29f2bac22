#!/usr/bin/python3
"""An example openll client in Python, on Debian's python3-grpcio and python3-protobuf.

    openll_client.py submit [--no-watch] FILE   submit a job command file, then watch it to the end
    openll_client.py watch ID                   follow a job or step until every step has finished
    openll_client.py cancel ID...               cancel jobs or steps

submit prints "submitted JOB_ID", watch and submit print "STEP_ID STATE" each time a step changes
state and "finished JOB_OR_STEP_ID" at the end. Exit codes: 0 every step Completed (or cancel
done), 3 every step finished but one not Completed, 1 an error (one line on stderr, with the gRPC
status code when the schedd refused), 2 bad usage.

The job command file is parsed by llsubmit (`llsubmit --dry-run FILE` prints the JobSpec as JSON
with proto field names): LoadLeveler's language has one parser, and this client shows the API.
A program that builds its own job fills a JobSpec directly instead.

Environment: OPENLL_HOME (default ~/.openll: the schedd's address is in run/schedd.addr),
OPENLL_LLSUBMIT (default bin/llsubmit of this repository), OPENLL_DESCRIPTORS (default
openll_v1.binpb beside this file, written by generate.py).

The schedd requires TLS (docs/security.md) and trusts only security/ca/ca.crt (OPENLL_CA_CERT).
The client presents a token when it has one: OPENLL_TOKEN (the token itself), else the file
OPENLL_TOKEN_FILE, else $OPENLL_HOME/tokens/USER.token (made by an administrator with
`llctl token issue --user USER`), sent as `authorization: Bearer TOKEN` with every call. Else it
presents the certificate $OPENLL_HOME/security/certs/client-USER.crt and .key (OPENLL_CLIENT_CERT,
OPENLL_CLIENT_KEY). Without a CA certificate it connects in plaintext, which only a cluster with
OPENLL_INSECURE = true accepts.
"""
import getpass
import os
import subprocess
import sys
import time

import grpc
from google.protobuf import descriptor_pb2, json_format, message_factory

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
NAME = "openll_client"
RECONNECT_PAUSE_SECONDS = 1  # before the one reconnect after a watch stream broke
CALL_TIMEOUT_SECONDS = 10
HINT = "; is the cluster started (llctl status)?"
TERMINAL = {"STEP_STATE_COMPLETED", "STEP_STATE_REMOVED", "STEP_STATE_CANCELED", "STEP_STATE_NOT_RUN",
            "STEP_STATE_TERMINATED", "STEP_STATE_SUBMISSION_ERROR"}


class Failure(Exception):
    """One line for stderr, then exit 1."""


class Schedd:
    """The openll.v1.Schedd service, its message classes made at run time from the descriptor set."""

    def __init__(self, descriptors, address):
        try:
            with open(descriptors, "rb") as f:
                files = descriptor_pb2.FileDescriptorSet.FromString(f.read()).file
        except OSError as e:
            raise Failure("cannot read %s (%s): run clients/python/generate.py first" % (descriptors, e.strerror))
        self.messages = message_factory.GetMessages(list(files))
        pool = self.messages["openll.v1.JobSpec"].DESCRIPTOR.file.pool
        self.service = pool.FindServiceByName("openll.v1.Schedd")
        self.address = address
        credentials = channel_credentials()
        self.channel = grpc.secure_channel(address, credentials) if credentials else grpc.insecure_channel(address)

    def new(self, full_name, **fields):
        return self.messages[full_name](**fields)

    def call(self, method_name, request):
        method = self.service.methods_by_name[method_name]
        response_class = self.messages[method.output_type.full_name]
        rpc = self.channel.unary_unary("/%s/%s" % (self.service.full_name, method.name),
                                       request_serializer=lambda m: m.SerializeToString(),
                                       response_deserializer=response_class.FromString)
        try:
            return rpc(request, timeout=CALL_TIMEOUT_SECONDS)
        except grpc.RpcError as e:
            raise Failure("%s: %s" % (e.code().name, self.explain(e)))

    def stream(self, method_name, request):
        """The responses of a server-streaming rpc, without a deadline; iterating raises grpc.RpcError."""
        method = self.service.methods_by_name[method_name]
        response_class = self.messages[method.output_type.full_name]
        rpc = self.channel.unary_stream("/%s/%s" % (self.service.full_name, method.name),
                                        request_serializer=lambda m: m.SerializeToString(),
                                        response_deserializer=response_class.FromString)
        return rpc(request)

    def explain(self, error):
        if error.code() == grpc.StatusCode.UNAVAILABLE:
            return unreachable(self.address, error.details())
        if error.code() == grpc.StatusCode.DEADLINE_EXCEEDED:
            return "the schedd at %s did not answer within %d s" % (self.address, CALL_TIMEOUT_SECONDS)
        return error.details() or "from the schedd at " + self.address

    def state_name(self, step):
        return step.DESCRIPTOR.fields_by_name["state"].enum_type.values_by_number[step.state].name


def openll_home():
    return os.environ.get("OPENLL_HOME") or os.path.join(os.path.expanduser("~"), ".openll")


def address_file():
    return os.path.join(openll_home(), "run", "schedd.addr")


def read_file(path, what):
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as e:
        raise Failure("cannot read %s %s (%s)" % (what, path, e.strerror))


def user_token():
    """This user's token: OPENLL_TOKEN, else the file OPENLL_TOKEN_FILE, else tokens/USER.token; None without one."""
    token = os.environ.get("OPENLL_TOKEN", "").strip()
    if token:
        return token
    path = os.environ.get("OPENLL_TOKEN_FILE")
    if not path:
        path = os.path.join(openll_home(), "tokens", getpass.getuser() + ".token")
        if not os.path.exists(path):
            return None
    token = read_file(path, "the token file").decode("ascii", "replace").strip()
    if not token:
        raise Failure("the token file %s is empty" % path)
    return token


def channel_credentials():
    """TLS trusting the cluster CA only, with this user's token or else client certificate; None without a CA."""
    security = os.path.join(openll_home(), "security")
    ca = os.environ.get("OPENLL_CA_CERT") or os.path.join(security, "ca", "ca.crt")
    if not os.path.exists(ca):
        return None
    token = user_token()
    if token:
        return grpc.composite_channel_credentials(
            grpc.ssl_channel_credentials(root_certificates=read_file(ca, "the CA certificate")),
            grpc.access_token_call_credentials(token))  # authorization: Bearer TOKEN
    base = os.path.join(security, "certs", "client-" + getpass.getuser())
    files = [ca, os.environ.get("OPENLL_CLIENT_KEY") or base + ".key", os.environ.get("OPENLL_CLIENT_CERT") or base + ".crt"]
    contents = []
    for path in files:
        try:
            with open(path, "rb") as f:
                contents.append(f.read())
        except OSError as e:
            raise Failure("cannot read %s (%s): issue a client certificate with llctl cert issue --role client"
                          " --machine %s (docs/security.md)" % (path, e.strerror, getpass.getuser()))
    return grpc.ssl_channel_credentials(root_certificates=contents[0], private_key=contents[1],
                                        certificate_chain=contents[2])


def schedd_address():
    path = address_file()
    try:
        with open(path, encoding="utf-8") as f:
            return f.read().strip()
    except OSError:
        raise Failure("cannot reach the schedd: no address in %s%s" % (path, HINT))


def unreachable(address, details):
    """The line llq prints when the schedd is down: where it was looked for, why it failed, what to try."""
    return "cannot reach the schedd at %s (%s): %s%s" % (address, address_file(), reason(details), HINT)


def reason(details):
    """grpc-core's "failed to connect to all addresses; last error: UNKNOWN: ipv4:127.0.0.1:7001: Failed
    to connect to remote host: Connection refused" as "connection refused"; other details as they are."""
    lines = (details or "").strip().splitlines()
    text = lines[0] if lines else "unavailable"
    if "connection refused" in text.lower():
        return "connection refused"
    return text[:1].lower() + text[1:]


def parse_job(schedd, path):
    """The JobSpec of a job command file, as llsubmit parses it."""
    llsubmit = os.environ.get("OPENLL_LLSUBMIT") or os.path.join(ROOT, "bin", "llsubmit")
    try:
        done = subprocess.run([llsubmit, "--dry-run", path], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    except OSError as e:
        raise Failure("cannot run %s: %s" % (llsubmit, e.strerror))
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or ["llsubmit --dry-run exited %d" % done.returncode]
        raise Failure(lines[-1])
    try:
        return json_format.Parse(done.stdout, schedd.new("openll.v1.JobSpec"))
    except json_format.ParseError as e:
        raise Failure("%s: %s (is %s older than the protos? run generate.py)"
                      % (path, e, os.environ.get("OPENLL_DESCRIPTORS") or "openll_v1.binpb"))


def watch(schedd, ids):
    """Follows Schedd.WatchSteps until every step of ids is terminal; prints each change. 0 if all
    Completed, else 3.

    When the stream breaks (UNAVAILABLE: the schedd stopped; RESOURCE_EXHAUSTED: this client fell
    behind) it reconnects once with the resume token of the last change it handled, so it misses
    nothing; a second break in a row is an error. A token the schedd no longer knows
    (FAILED_PRECONDITION) starts a fresh watch: its snapshot brings the current states, and only
    states that differ from the last printed ones are printed.
    """
    seen = {}
    token = ""
    may_reconnect = True
    while True:
        request = schedd.new("openll.v1.WatchStepsRequest", ids=ids, include_finished=True, resume_token=token)
        events = schedd.stream("WatchSteps", request)
        # a resumed stream has no snapshot: every event after the token is a change to check
        complete = bool(token)
        try:
            for event in events:
                may_reconnect = True
                if event.resume_token:
                    token = event.resume_token
                if event.snapshot_complete:
                    complete = True
                    if not seen:
                        events.cancel()
                        raise Failure("NOT_FOUND: no step matches %s" % " ".join(ids))
                elif event.HasField("step"):
                    state = schedd.state_name(event.step)
                    if seen.get(event.step.step_id) != state:
                        seen[event.step.step_id] = state
                        print("%s %s" % (event.step.step_id, state), flush=True)
                if complete and seen and all(state in TERMINAL for state in seen.values()):
                    events.cancel()
                    print("finished " + " ".join(ids), flush=True)
                    return 0 if all(state == "STEP_STATE_COMPLETED" for state in seen.values()) else 3
            raise Failure("UNAVAILABLE: the schedd at %s ended the watch" % schedd.address)
        except grpc.RpcError as e:
            if e.code() == grpc.StatusCode.FAILED_PRECONDITION and token:
                token = ""
            elif e.code() in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.RESOURCE_EXHAUSTED) and may_reconnect:
                may_reconnect = False
                time.sleep(RECONNECT_PAUSE_SECONDS)
            else:
                raise Failure("%s: %s" % (e.code().name, schedd.explain(e)))


def run(args):
    if not args or args[0] not in ("submit", "watch", "cancel"):
        raise SystemExit(usage())
    command, rest = args[0], args[1:]
    no_watch = command == "submit" and "--no-watch" in rest
    rest = [a for a in rest if not (no_watch and a == "--no-watch")]
    if (command in ("submit", "watch") and len(rest) != 1) or not rest or any(a.startswith("--") for a in rest):
        raise SystemExit(usage())
    descriptors = os.environ.get("OPENLL_DESCRIPTORS") or os.path.join(HERE, "openll_v1.binpb")
    schedd = Schedd(descriptors, schedd_address())
    if command == "submit":
        job = parse_job(schedd, rest[0])
        request = schedd.new("openll.v1.SubmitJobRequest", job=job, owner=getpass.getuser())
        job_id = schedd.call("SubmitJob", request).job_id
        print("submitted " + job_id, flush=True)
        return 0 if no_watch else watch(schedd, [job_id])
    if command == "watch":
        return watch(schedd, rest)
    request = schedd.new("openll.v1.CancelStepsRequest", ids=rest, requester=getpass.getuser())
    for step_id in schedd.call("CancelSteps", request).step_ids:
        print("cancelled " + step_id)
    return 0


def usage():
    print("usage: %s submit [--no-watch] FILE | watch ID | cancel ID..." % NAME, file=sys.stderr)
    return 2


def main():
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    try:
        sys.exit(run(sys.argv[1:]))
    except Failure as e:
        print("%s: %s: %s" % (NAME, command, e), file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
