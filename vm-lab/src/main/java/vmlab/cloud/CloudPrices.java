package vmlab.cloud;

/**
 * The price list of the simulated cloud, in an abstract currency. These are assumptions to compare renting models with,
 * not market figures: a whole server costs {@code serverPerHour}; a VM pays per core-hour and GiB-hour while it runs,
 * and per GiB-hour of disk for its whole stay, stopped or not.
 */
public record CloudPrices(double serverPerHour, double perCoreHour, double perGiBHour, double diskPerGiBHour) {

    public CloudPrices {
        if (!(serverPerHour >= 0 && perCoreHour >= 0 && perGiBHour >= 0 && diskPerGiBHour >= 0)) {
            throw new IllegalArgumentException("prices are 0 or more");
        }
    }

    /**
     * A whole 12-core server at 1.00 an hour; a VM's core-hour at 0.10 and GiB-hour at 0.005 (a fully rented server earns
     * about 1.44 an hour: the provider's margin for running the hotel); disk at 0.0002 per GiB-hour.
     */
    public static CloudPrices standard() {
        return new CloudPrices(1.00, 0.10, 0.005, 0.0002);
    }

    /** What a VM costs its tenant: compute while it runs, disk while it is booked. */
    public double vmBill(VmRequest vm) {
        return vm.runningHours() * (vm.cores() * perCoreHour + vm.memoryGiB() * perGiBHour)
                + vm.bookedHours() * vm.diskGiB() * diskPerGiBHour;
    }

    /** What the same tenant pays renting whole servers instead: enough servers for the VM, for its whole stay. */
    public double wholeServerBill(VmRequest vm, HostShape shape) {
        int servers = Math.max((vm.cores() + shape.cores() - 1) / shape.cores(),
                (vm.memoryGiB() + shape.memoryGiB() - 1) / shape.memoryGiB());
        return servers * vm.bookedHours() * serverPerHour;
    }
}
