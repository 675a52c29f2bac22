#!/usr/bin/python3
"""Unit tests of openll_client.watch's reconnect rules against a fake schedd (no cluster, no
descriptor set): /usr/bin/python3 -m unittest discover -s clients/python"""
import contextlib
import io
import unittest
from unittest import mock

import grpc

import openll_client


class Step:
    def __init__(self, step_id, state):
        self.step_id, self.state = step_id, state


class Event:
    def __init__(self, step=None, complete=False, token=""):
        self.step, self.snapshot_complete, self.resume_token = step, complete, token

    def HasField(self, name):
        return getattr(self, name) is not None


class Broken(grpc.RpcError):
    def __init__(self, code):
        self._code = code

    def code(self):
        return self._code

    def details(self):
        return "broken"


class Stream:
    """Yields events, then raises error (if any); records cancel."""

    def __init__(self, events, error=None):
        self.events, self.error, self.cancelled = events, error, False

    def __iter__(self):
        yield from self.events
        if self.error:
            raise self.error

    def cancel(self):
        self.cancelled = True


class FakeSchedd:
    address = "fake:1"

    def __init__(self, *streams):
        self.streams, self.requests = list(streams), []

    def new(self, _name, **fields):
        return fields

    def stream(self, _method, request):
        self.requests.append(request)
        return self.streams.pop(0)

    def state_name(self, step):
        return step.state

    def explain(self, error):
        return error.details()


def snapshot(*steps):
    return [Event(step=Step(i, s)) for i, s in steps] + [Event(complete=True)]


def run_watch(schedd):
    out = io.StringIO()
    with contextlib.redirect_stdout(out), mock.patch.object(openll_client.time, "sleep"):
        code = openll_client.watch(schedd, ["j.1"])
    return code, out.getvalue().splitlines()


class WatchTest(unittest.TestCase):
    def test_watch_changesAfterSnapshot_printsEachAndEndsWhenAllTerminal(self):
        schedd = FakeSchedd(Stream(snapshot(("j.1.0", "STEP_STATE_IDLE"))
                                   + [Event(Step("j.1.0", "STEP_STATE_RUNNING"), token="e.1"),
                                      Event(Step("j.1.0", "STEP_STATE_COMPLETED"), token="e.2")]))
        self.assertEqual((0, ["j.1.0 STEP_STATE_IDLE", "j.1.0 STEP_STATE_RUNNING", "j.1.0 STEP_STATE_COMPLETED",
                              "finished j.1"]), run_watch(schedd))

    def test_watch_unavailable_reconnectsOnceWithLastToken(self):
        first = Stream(snapshot(("j.1.0", "STEP_STATE_IDLE")) + [Event(Step("j.1.0", "STEP_STATE_RUNNING"), token="e.1")],
                       Broken(grpc.StatusCode.UNAVAILABLE))
        second = Stream([Event(Step("j.1.0", "STEP_STATE_REMOVED"), token="e.2")])
        schedd = FakeSchedd(first, second)
        self.assertEqual((3, ["j.1.0 STEP_STATE_IDLE", "j.1.0 STEP_STATE_RUNNING", "j.1.0 STEP_STATE_REMOVED",
                              "finished j.1"]), run_watch(schedd))
        self.assertEqual("e.1", schedd.requests[1]["resume_token"])
        self.assertTrue(second.cancelled)

    def test_watch_twoBreaksInARow_fails(self):
        schedd = FakeSchedd(Stream(snapshot(("j.1.0", "STEP_STATE_IDLE")), Broken(grpc.StatusCode.RESOURCE_EXHAUSTED)),
                            Stream([], Broken(grpc.StatusCode.UNAVAILABLE)))
        with self.assertRaisesRegex(openll_client.Failure, "^UNAVAILABLE: "):
            run_watch(schedd)

    def test_watch_tokenTooOld_startsFreshAndPrintsOnlyNewStates(self):
        schedd = FakeSchedd(
            Stream(snapshot(("j.1.0", "STEP_STATE_IDLE")) + [Event(Step("j.1.0", "STEP_STATE_RUNNING"), token="e.1")],
                   Broken(grpc.StatusCode.UNAVAILABLE)),
            Stream([], Broken(grpc.StatusCode.FAILED_PRECONDITION)),
            Stream(snapshot(("j.1.0", "STEP_STATE_RUNNING"))
                   + [Event(Step("j.1.0", "STEP_STATE_COMPLETED"), token="f.1")]))
        self.assertEqual((0, ["j.1.0 STEP_STATE_IDLE", "j.1.0 STEP_STATE_RUNNING", "j.1.0 STEP_STATE_COMPLETED",
                              "finished j.1"]), run_watch(schedd))
        self.assertEqual(["e.1", ""], [r["resume_token"] for r in schedd.requests[1:]])

    def test_watch_emptySnapshot_failsNotFound(self):
        with self.assertRaisesRegex(openll_client.Failure, "^NOT_FOUND: no step matches j.1$"):
            run_watch(FakeSchedd(Stream(snapshot())))



class Unreachable(unittest.TestCase):
    def test_explain_connectionRefused_oneLineNamingAddressFileReasonAndHint(self):
        schedd = openll_client.Schedd.__new__(openll_client.Schedd)
        schedd.address = "127.0.0.1:7001"
        error = Broken(grpc.StatusCode.UNAVAILABLE)
        error.details = lambda: ("failed to connect to all addresses; last error: UNKNOWN: ipv4:127.0.0.1:7001: "
                                 "Failed to connect to remote host: Connection refused")
        with mock.patch.dict("os.environ", {"OPENLL_HOME": "/h"}):
            line = schedd.explain(error)
        self.assertEqual("cannot reach the schedd at 127.0.0.1:7001 (/h/run/schedd.addr): connection refused;"
                         " is the cluster started (llctl status)?", line)

    def test_scheddAddress_noFile_oneLineNamingTheFileAndHint(self):
        with mock.patch.dict("os.environ", {"OPENLL_HOME": "/nonexistent-openll-home"}):
            with self.assertRaises(openll_client.Failure) as caught:
                openll_client.schedd_address()
        self.assertEqual("cannot reach the schedd: no address in /nonexistent-openll-home/run/schedd.addr;"
                         " is the cluster started (llctl status)?", str(caught.exception))


if __name__ == "__main__":
    unittest.main()
