package vmlab.timesharing;

/**
 * What the computing centre charges: a price per CPU-second (user plus system time of the user's jobs) and a price per
 * minute connected at a terminal, as phone lines were billed. The default prices are illustrative, not historical quotes:
 * their order of magnitude is that of a 1960s mainframe hour (a few hundred dollars) and a leased line.
 */
public record Tariff(double perCpuSecond, double perConnectedMinute) {
    public static final Tariff DEFAULT = new Tariff(0.15, 0.10);

    public Tariff {
        if (perCpuSecond < 0 || perConnectedMinute < 0) {
            throw new IllegalArgumentException("prices cannot be negative: " + perCpuSecond + ", " + perConnectedMinute);
        }
    }

    /** The bill for {@code cpuSeconds} of CPU time and {@code connectedMinutes} at the terminal. */
    public double bill(double cpuSeconds, double connectedMinutes) {
        return cpuSeconds * perCpuSecond + connectedMinutes * perConnectedMinute;
    }

    @Override
    public String toString() {
        return String.format("$%.2f per CPU-second, $%.2f per connected minute", perCpuSecond, perConnectedMinute);
    }
}
