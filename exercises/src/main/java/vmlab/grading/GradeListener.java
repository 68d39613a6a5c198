package vmlab.grading;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Collects the outcomes a {@link NotebookTestEngine} publishes, and whether the run itself broke. */
final class GradeListener implements TestExecutionListener {

    private final List<TestOutcome> outcomes = new ArrayList<>();
    private Optional<Throwable> broken = Optional.empty();

    @Override
    public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
        Map<String, String> values = entry.getKeyValuePairs();
        if (!values.containsKey("gradeId")) {
            return;
        }
        String output = values.get("output");
        synchronized (outcomes) {
            outcomes.add(new TestOutcome(values.get("gradeId"), values.get("name"), Integer.parseInt(values.get("number")),
                    Double.parseDouble(values.get("score")), Double.parseDouble(values.get("maxScore")),
                    TestOutcome.Status.valueOf(values.get("status")), "-".equals(output) ? "" : output,
                    Visibility.valueOf(values.get("visibility"))));
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.getParentId().isEmpty() && result.getStatus() == TestExecutionResult.Status.FAILED) {
            broken = result.getThrowable();
        }
    }

    List<TestOutcome> outcomes() {
        synchronized (outcomes) {
            return List.copyOf(outcomes);
        }
    }

    Optional<Throwable> broken() {
        return broken;
    }
}
