package vmlab.measure;

/** The workload's Java version, run by HotSpot on the host: no guest, no emulation, the baseline of every ratio. */
final class NativeRung implements Rung {
    @Override
    public String name() {
        return "native Java";
    }

    @Override
    public String runsOn() {
        return "HotSpot, straight on the host";
    }

    @Override
    public Prepared prepare(LadderWorkload workload) {
        return () -> new Outcome(workload.nativeRun().get(), 0, 0);
    }
}
