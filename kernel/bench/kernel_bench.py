#!/usr/bin/python3
"""VM Lab kernel benchmark, with ipykernel measured in the same run as the reference.

Prints, per kernel: time from process start to the first kernel_info reply, `1+1` round-trip p50/p90 over 200
executions after 20 warm-ups (execute_request sent -> execute_reply and idle status received), completion latency
(p50 over 50 requests), the CPU time the kernel process spends (to get ready, per `1+1`: figures that other
load on a shared machine barely moves, unlike wall times), the protocol alone
(kernel_info round trip, p50 over 100) and the resident memory of the idle kernel process.

Run with the Debian Python (it has jupyter_client):
    /usr/bin/python3 kernel/bench/kernel_bench.py [--jar kernel/target/vmlab.jar] [--runs 200]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

from jupyter_client import BlockingKernelClient
from jupyter_client.connect import write_connection_file


def start(argv_template, workdir):
    conn_file = os.path.join(workdir, "conn-%d.json" % time.monotonic_ns())
    write_connection_file(conn_file, ip="127.0.0.1")
    argv = [a.replace("{connection_file}", conn_file) for a in argv_template]
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    kc = BlockingKernelClient(connection_file=conn_file)
    kc.load_connection_file()
    kc.start_channels()
    # Ask until the first reply: a request sent before the kernel binds is lost by ZeroMQ, so re-ask every 50 ms.
    ready = None
    while ready is None:
        msg_id = kc.kernel_info()
        deadline = time.perf_counter() + 0.05
        while time.perf_counter() < deadline:
            try:
                reply = kc.get_shell_msg(timeout=0.01)
            except Exception:
                continue
            if reply["header"]["msg_type"] == "kernel_info_reply":
                ready = time.perf_counter() - t0
                ready_cpu = cpu_s(proc.pid)
                break
        if time.perf_counter() - t0 > 60:
            raise SystemExit("kernel did not answer kernel_info within 60 s: %s" % argv)
    return proc, kc, (ready, ready_cpu)


def drain(kc):
    while True:
        try:
            kc.get_iopub_msg(timeout=0.2)
        except Exception:
            return


def execute_round_trip(kc, code):
    t0 = time.perf_counter()
    msg_id = kc.execute(code)
    got_reply = got_idle = False
    while not (got_reply and got_idle):
        if not got_reply:
            reply = kc.get_shell_msg(timeout=30)
            if reply["parent_header"].get("msg_id") == msg_id:
                got_reply = True
        if not got_idle:
            msg = kc.get_iopub_msg(timeout=30)
            if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                    and msg["content"]["execution_state"] == "idle"):
                got_idle = True
    return time.perf_counter() - t0


def complete_latency(kc, code):
    t0 = time.perf_counter()
    msg_id = kc.complete(code, len(code))
    while True:
        reply = kc.get_shell_msg(timeout=30)
        if reply["parent_header"].get("msg_id") == msg_id:
            return time.perf_counter() - t0, reply["content"]["matches"]


def kernel_info_latency(kc):
    t0 = time.perf_counter()
    msg_id = kc.kernel_info()
    while True:
        reply = kc.get_shell_msg(timeout=30)
        if reply["parent_header"].get("msg_id") == msg_id:
            return time.perf_counter() - t0


def cpu_s(pid):
    """User + system CPU time the process used so far: unlike wall time, barely moved by other load on the machine."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def measure(name, argv, runs, warmups, complete_code, workdir):
    proc, kc, (ready, ready_cpu) = start(argv, workdir)
    try:
        drain(kc)
        for _ in range(warmups):
            execute_round_trip(kc, "1+1")
        cpu_before = cpu_s(proc.pid)
        times = sorted(execute_round_trip(kc, "1+1") for _ in range(runs))
        cpu_per_run = (cpu_s(proc.pid) - cpu_before) / runs
        infos = sorted(kernel_info_latency(kc) for _ in range(100))
        completions = []
        for _ in range(50):
            t, matches = complete_latency(kc, complete_code)
            completions.append(t)
        drain(kc)
        time.sleep(1.0)
        rss = rss_mb(proc.pid)
        q = statistics.quantiles(times, n=10)
        return {
            "kernel": name,
            "ready_s": round(ready, 3),
            "ready_cpu_s": round(ready_cpu, 2),
            "one_plus_one_p50_ms": round(statistics.median(times) * 1000, 2),
            "one_plus_one_p90_ms": round(q[8] * 1000, 2),
            "one_plus_one_cpu_ms": round(cpu_per_run * 1000, 1),
            "kernel_info_p50_ms": round(statistics.median(infos) * 1000, 2),
            "complete_p50_ms": round(statistics.median(completions) * 1000, 2),
            "complete_matches": len(matches),
            "idle_rss_mb": round(rss, 1),
        }
    finally:
        try:
            kc.shutdown()
            proc.wait(timeout=10)
        except Exception:
            proc.kill()
        kc.stop_channels()


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jar", default=os.path.join(here, "..", "target", "vmlab.jar"))
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--warmups", type=int, default=20)
    args = parser.parse_args()
    jar = os.path.abspath(args.jar)
    if not os.path.isfile(jar):
        raise SystemExit("no kernel jar at %s: build it with mvn -B -DskipTests package" % jar)
    java = os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/java-17-openjdk-amd64"), "bin", "java")
    if not os.path.exists(java):
        java = "java"
    vmlab_argv = [java, "-Djava.awt.headless=true", "-XX:+UseSerialGC", "-Xss8m", "-jar", jar, "kernel", "{connection_file}"]
    ipykernel_argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    with tempfile.TemporaryDirectory() as workdir:
        results = [
            measure("vmlab", vmlab_argv, args.runs, args.warmups, "Math.ab", workdir),
            measure("ipykernel", ipykernel_argv, args.runs, args.warmups, "import o", workdir),
        ]
    cols = ["kernel", "ready_s", "ready_cpu_s", "one_plus_one_p50_ms", "one_plus_one_p90_ms", "one_plus_one_cpu_ms",
            "kernel_info_p50_ms", "complete_p50_ms", "idle_rss_mb"]
    print("  ".join("%-19s" % c for c in cols))
    for r in results:
        print("  ".join("%-19s" % r[c] for c in cols))
    print("load average (1 min) during the run: %.1f on %d CPUs" % (os.getloadavg()[0], os.cpu_count()))
    print("targets: vmlab ready_s <= 1.0, one_plus_one_p50_ms <= 15")
    print(json.dumps(results))


if __name__ == "__main__":
    main()
