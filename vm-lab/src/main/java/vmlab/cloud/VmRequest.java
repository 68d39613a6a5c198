package vmlab.cloud;

/**
 * A tenant's virtual machine: booked at {@code arrival}, given back at {@code departure} (hours from the start of the
 * trace). A VM may be stopped for a while ({@code stopAt} to {@code restartAt}, or -1 for never): stopped, it gives its
 * cores and memory back but keeps its disk, like a hotel room that keeps a guest's things while they are out.
 */
public record VmRequest(int id, String tenant, double arrival, double departure, int cores, int memoryGiB, int diskGiB,
                        double stopAt, double restartAt) {

    public VmRequest {
        if (!(arrival >= 0) || !(departure > arrival) || Double.isInfinite(departure)) {
            throw new IllegalArgumentException("VM " + id + ": it must arrive at 0 h or later and leave after it "
                    + "arrives (arrival " + arrival + " h, departure " + departure + " h)");
        }
        if (cores < 1 || memoryGiB < 1 || diskGiB < 0) {
            throw new IllegalArgumentException("VM " + id + ": needs at least 1 core and 1 GiB (" + cores + " cores, "
                    + memoryGiB + " GiB, " + diskGiB + " GiB disk)");
        }
        boolean stops = stopAt >= 0;
        if (stops && !(stopAt > arrival && restartAt > stopAt && restartAt < departure)) {
            throw new IllegalArgumentException("VM " + id + ": a stop must fall inside its stay (stop " + stopAt
                    + " h, restart " + restartAt + " h, stay " + arrival + " to " + departure + " h)");
        }
        if (!stops && restartAt >= 0) {
            throw new IllegalArgumentException("VM " + id + ": a restart without a stop");
        }
    }

    /** A VM that runs from arrival to departure without a stop. */
    public static VmRequest of(int id, String tenant, double arrival, double departure, int cores, int memoryGiB) {
        return new VmRequest(id, tenant, arrival, departure, cores, memoryGiB, 20, -1, -1);
    }

    public boolean stops() {
        return stopAt >= 0;
    }

    /** Hours it holds cores and memory. */
    public double runningHours() {
        return departure - arrival - (stops() ? restartAt - stopAt : 0);
    }

    /** Hours its disk is kept: its whole stay. */
    public double bookedHours() {
        return departure - arrival;
    }
}
