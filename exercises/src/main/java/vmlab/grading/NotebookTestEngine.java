package vmlab.grading;

import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.opentest4j.AssertionFailedError;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A JUnit Platform engine whose tests are the grade cells of one submission, so the grader speaks the platform's protocol and any
 * platform listener (console, XML, IDE) can follow a grading run. Discovery lists the test cells of the assignment; execution
 * runs the restored notebook through a {@link SubmissionRun} and publishes each cell's score as a report entry.
 */
final class NotebookTestEngine implements TestEngine {

    static final String ID = "vmlab-notebook";

    private final String submission;
    private final Assignment assignment;
    private final SubmissionRun run;

    NotebookTestEngine(String submission, Assignment assignment, SubmissionRun run) {
        this.submission = submission;
        this.assignment = assignment;
        this.run = run;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        EngineDescriptor root = new EngineDescriptor(uniqueId, submission);
        for (Assignment.SourceCell test : assignment.tests()) {
            String gradeId = test.gradeId().orElseThrow();
            root.addChild(new GradeCellDescriptor(uniqueId.append("grade-cell", gradeId), gradeId, test.points()));
        }
        return root;
    }

    @Override
    public void execute(ExecutionRequest request) {
        TestDescriptor root = request.getRootTestDescriptor();
        EngineExecutionListener listener = request.getEngineExecutionListener();
        listener.executionStarted(root);
        try {
            run.execute(
                    cell -> descriptor(root, cell.gradeId().orElseThrow()).ifPresent(listener::executionStarted),
                    outcomes -> descriptor(root, outcomes.get(0).gradeId()).ifPresent(test -> {
                        outcomes.forEach(outcome -> listener.reportingEntryPublished(test, ReportEntry.from(entry(outcome))));
                        listener.executionFinished(test, result(outcomes));
                    }));
            listener.executionFinished(root, TestExecutionResult.successful());
        } catch (Exception e) {
            listener.executionFinished(root, TestExecutionResult.failed(e));
        }
    }

    private static Optional<? extends TestDescriptor> descriptor(TestDescriptor root, String gradeId) {
        return root.getChildren().stream().filter(child -> child.getDisplayName().equals(gradeId)).findFirst();
    }

    /** One cell's result from its outcomes (several for a cell with points per check): the first that did not pass decides. */
    private static TestExecutionResult result(java.util.List<TestOutcome> outcomes) {
        TestOutcome first = outcomes.stream().filter(o -> o.status() != TestOutcome.Status.PASSED).findFirst().orElse(outcomes.get(0));
        return switch (first.status()) {
            case PASSED -> TestExecutionResult.successful();
            case NOT_RUN -> TestExecutionResult.aborted(new IllegalStateException(first.output()));
            default -> TestExecutionResult.failed(new AssertionFailedError(first.output()));
        };
    }

    /** The outcome as a report entry: the platform's channel for key-value results, read back by {@link GradeListener}. */
    static Map<String, String> entry(TestOutcome outcome) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("gradeId", outcome.gradeId());
        entry.put("name", outcome.name());
        entry.put("number", Integer.toString(outcome.number()));
        entry.put("score", Double.toString(outcome.score()));
        entry.put("maxScore", Double.toString(outcome.maxScore()));
        entry.put("status", outcome.status().name());
        entry.put("output", outcome.output().isBlank() ? "-" : outcome.output()); // the platform refuses blank values
        entry.put("visibility", outcome.visibility().name());
        return entry;
    }

    /** One grade cell as a platform test. */
    static final class GradeCellDescriptor extends AbstractTestDescriptor {
        GradeCellDescriptor(UniqueId id, String gradeId, double points) {
            super(id, gradeId);
        }

        @Override
        public Type getType() {
            return Type.TEST;
        }
    }
}
