"""The serving loop of the comparison's Python peers (`--bin compare`).

After loading its data, a peer answers each `run` line on stdin with one timed
run, as a JSON line `{"result": ..., "seconds": ...}`; any other line ends it.
The comparison then times the library and the peer in turn, so both see the
same machine: on a shared VM the host's speed drifts from minute to minute.
"""
import json
import sys
import time


def serve(run_once):
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        if line.strip() != "run":
            break
        start = time.perf_counter()
        result = run_once()
        seconds = time.perf_counter() - start
        print(json.dumps({"result": result, "seconds": seconds}), flush=True)
