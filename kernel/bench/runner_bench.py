#!/usr/bin/python3
"""Headless runner benchmark: what `vmlab run` costs on top of the kernel's own work.

Prints:
- the wall time of `vmlab run` over every notebooks/*.ipynb (the whole course headless), with its summary lines;
- for a notebook of 220 `1+1` cells (the first 20 are warm-ups), from the kernel's own message timestamps saved in each
  cell's metadata.execution:
  * kernel time per cell: status busy -> status idle (JShell compiling and running `1+1`);
  * client overhead per cell: status idle of one cell -> status busy of the next, i.e. everything the runner does between
    two cells (receive the idle and the reply, store the outputs, send the next execute_request, the kernel picks it up);
  * whole round trip per cell as the runner sees it (cells' time / cells).
The load average is printed too: on a shared 2-core machine it explains most of the spread.

Run from the repository root after `mvn -B -q -DskipTests package`:
    /usr/bin/python3 kernel/bench/runner_bench.py [--jar kernel/target/vmlab.jar]
"""
import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

WARM_UPS = 20
CELLS = 200


def load():
    return " ".join(open("/proc/loadavg").read().split()[:3])


def run(jar, args):
    t0 = time.perf_counter()
    done = subprocess.run(["java", "-jar", jar, "run", *args], capture_output=True, text=True)
    return time.perf_counter() - t0, done


def when(stamp):
    return datetime.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ")


def quantile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jar", default="kernel/target/vmlab.jar")
    jar = parser.parse_args().jar
    if not os.path.exists(jar):
        sys.exit(f"{jar} is missing: build it with mvn -B -q -DskipTests package")

    print(f"load average before: {load()}")
    with tempfile.TemporaryDirectory(prefix="vmlab-runner-bench-") as scratch:
        seconds, done = run(jar, ["--out", os.path.join(scratch, "course")])
        print(f"vmlab run over notebooks/: {seconds:.1f} s wall, exit {done.returncode}")
        for line in done.stdout.splitlines():
            print("  " + line)

        cells = [{"cell_type": "code", "id": f"c{i}", "metadata": {}, "source": "1+1", "outputs": [],
                  "execution_count": None} for i in range(WARM_UPS + CELLS)]
        notebook = {"nbformat": 4, "nbformat_minor": 5, "cells": cells,
                    "metadata": {"kernelspec": {"name": "vmlab", "display_name": "VM Lab (Java)", "language": "java"}}}
        source = os.path.join(scratch, "ones.ipynb")
        with open(source, "w") as f:
            json.dump(notebook, f)
        seconds, done = run(jar, [source, "--out", os.path.join(scratch, "ones")])
        if done.returncode != 0:
            sys.exit(f"the 1+1 notebook failed: {done.stdout}{done.stderr}")
        executed = json.load(open(os.path.join(scratch, "ones", "ones.ipynb")))["cells"][WARM_UPS:]
        timing = [cell["metadata"]["execution"] for cell in executed]
        busy = [(when(t["iopub.status.idle"]) - when(t["iopub.status.busy"])).total_seconds() * 1000 for t in timing]
        gaps = [(when(b["iopub.status.busy"]) - when(a["iopub.status.idle"])).total_seconds() * 1000
                for a, b in zip(timing, timing[1:])]
        round_trips = [(when(b["iopub.status.busy"]) - when(a["iopub.status.busy"])).total_seconds() * 1000
                       for a, b in zip(timing, timing[1:])]
        print(f"'1+1' x {CELLS} after {WARM_UPS} warm-ups, in-process kernel ({done.stdout.strip()})")
        print(f"  kernel busy -> idle:          p50 {quantile(busy, .5):7.2f} ms   p90 {quantile(busy, .9):7.2f} ms")
        print(f"  client overhead idle -> busy: p50 {quantile(gaps, .5):7.2f} ms   p90 {quantile(gaps, .9):7.2f} ms   "
              f"mean {statistics.mean(gaps):.2f} ms")
        print(f"  cell to cell:                 p50 {quantile(round_trips, .5):7.2f} ms   p90 {quantile(round_trips, .9):7.2f} ms")
    print(f"load average after: {load()}")


if __name__ == "__main__":
    main()
