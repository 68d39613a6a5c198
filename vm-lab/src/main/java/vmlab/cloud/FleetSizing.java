package vmlab.cloud;

import static vmlab.html.HtmlText.escape;
import static vmlab.html.HtmlText.labelled;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * What owning a fleet for the peak costs: the servers needed for the busiest hour, and how much of their time they then
 * spend idle. {@code utilization} is the mean busy share of the fleet over all hours.
 */
public record FleetSizing(String demand, int coresPerServer, int servers, double utilization, double idleServerHours,
                          int hoursAboveHalf, int hours) {

    static FleetSizing of(HourlyDemand demand, int coresPerServer) {
        if (coresPerServer < 1) {
            throw new IllegalArgumentException("a server has at least one core, not " + coresPerServer);
        }
        int servers = (int) Math.ceil(demand.peak() / coresPerServer);
        double capacity = (double) servers * coresPerServer;
        double busy = 0;
        int aboveHalf = 0;
        for (double cores : demand.values()) {
            busy += cores;
            if (cores > capacity / 2) {
                aboveHalf++;
            }
        }
        double utilization = capacity == 0 ? 0 : busy / (capacity * demand.hours());
        double idleServerHours = servers * (double) demand.hours() - busy / coresPerServer;
        return new FleetSizing(demand.name(), coresPerServer, servers, utilization, idleServerHours, aboveHalf,
                demand.hours());
    }

    /** Servers that an hour's demand needs, hour by hour, beside the fleet bought for the peak. */
    public static Table serversByHour(HourlyDemand demand, int coresPerServer) {
        IntColumn hour = IntColumn.create("hour");
        IntColumn needed = IntColumn.create("servers_needed");
        DoubleColumn idle = DoubleColumn.create("idle_share");
        int fleet = (int) Math.ceil(demand.peak() / coresPerServer);
        for (int h = 0; h < demand.hours(); h++) {
            int n = (int) Math.ceil(demand.at(h) / coresPerServer);
            hour.append(h);
            needed.append(n);
            idle.append(fleet == 0 ? 0 : 1 - demand.at(h) / ((double) fleet * coresPerServer));
        }
        return Table.create("servers by hour", hour, needed, idle);
    }

    @Override
    public String toString() {
        return String.format("%d servers of %d cores for the peak of %s; utilization over the year %.1f %%; "
                + "%,.0f server-hours idle; the demand is above half the fleet in %d of %d hours", servers,
                coresPerServer, demand, 100 * utilization, idleServerHours, hoursAboveHalf, hours);
    }

    public String toHtml() {
        return "<div><b>Fleet for " + escape(demand) + "</b><br>"
                + labelled("servers (peak hour)", servers + " &times; " + coresPerServer + " cores")
                + labelled("utilization", String.format("%.1f %% over %d hours", 100 * utilization, hours))
                + labelled("idle", String.format("%,.0f server-hours", idleServerHours))
                + labelled("busier than half", hoursAboveHalf + " hours of " + hours)
                + "</div>";
    }
}
