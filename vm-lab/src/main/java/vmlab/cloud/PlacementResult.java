package vmlab.cloud;

import static vmlab.html.HtmlText.escape;
import static vmlab.html.HtmlText.labelled;

import tech.tablesaw.api.Table;

/**
 * What renting out a fleet under one placement policy gave: the hosts it had to open, how busy they were, how many VMs
 * found no room, and what tenants paid per VM-hour against renting whole servers.
 *
 * @param hostsOpened     hosts opened at some point (a host, once bought, stays)
 * @param peakHostsInUse  the most hosts running at least one VM at the same time
 * @param turnedAway      arrivals and restarts that found no room (only a fixed fleet turns VMs away)
 * @param movedOnRestart  stopped VMs that came back on another host than before (their disk followed them)
 * @param utilization     core-hours used over core-hours of the opened hosts, for the whole trace
 * @param pricePerVmHour  what tenants paid per VM-hour booked, renting VMs
 * @param wholeServerPricePerVmHour what they would pay per VM-hour renting whole servers for the same stays
 * @param hostSeconds     host wall time the simulation took
 */
public record PlacementResult(String policy, HostShape shape, int hostsOpened, int peakHostsInUse, int placed,
                              int turnedAway, int movedOnRestart, double utilization, double pricePerVmHour,
                              double wholeServerPricePerVmHour, int events, double hostSeconds, Table hostsByDay) {

    @Override
    public String toString() {
        return String.format("%s: %d hosts opened (%s), at most %d in use; %d VMs placed, %d turned away, %d moved on "
                + "restart; utilization %.1f %%; %.3f per VM-hour renting VMs vs %.3f renting whole servers; %,d events "
                + "in %.2f s", policy, hostsOpened, shape, peakHostsInUse, placed, turnedAway, movedOnRestart,
                100 * utilization, pricePerVmHour, wholeServerPricePerVmHour, events, hostSeconds);
    }

    public String toHtml() {
        return "<div><b>Placement: " + escape(policy) + "</b><br>"
                + labelled("hosts opened", hostsOpened + " (" + shape + "), at most " + peakHostsInUse + " in use")
                + labelled("VMs", placed + " placed, " + turnedAway + " turned away, " + movedOnRestart
                + " moved on restart")
                + labelled("utilization", String.format("%.1f %%", 100 * utilization))
                + labelled("price per VM-hour", String.format("%.3f renting VMs, %.3f renting whole servers",
                pricePerVmHour, wholeServerPricePerVmHour))
                + labelled("simulated", String.format("%,d events in %.2f s of host time", events, hostSeconds))
                + "</div>";
    }
}
