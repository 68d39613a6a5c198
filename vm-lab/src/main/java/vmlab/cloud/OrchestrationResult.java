package vmlab.cloud;

import static vmlab.html.HtmlText.escape;
import static vmlab.html.HtmlText.labelled;

import tech.tablesaw.api.Table;

/**
 * What the control loop did: every event (hosts failing and coming back, replicas lost, started, running), the fewest
 * replicas running at any moment after the start, and how many run at the end.
 */
public record OrchestrationResult(String service, int declared, Table events, int fewestRunning, int runningAtEnd,
                                  double startSeconds) {

    @Override
    public String toString() {
        return String.format("%s: %d replicas declared; at least %d running at every event, %d at the end; "
                + "replacements start in %.3f s", service, declared, fewestRunning, runningAtEnd, startSeconds);
    }

    public String toHtml() {
        return "<div><b>Service " + escape(service) + "</b><br>"
                + labelled("declared", declared + " replicas")
                + labelled("fewest running", String.valueOf(fewestRunning))
                + labelled("running at the end", String.valueOf(runningAtEnd))
                + labelled("replacement start", String.format("%.3f s", startSeconds))
                + "</div>";
    }
}
