package vmlab.grading;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Runs one restored submission, cell after cell, in its own kernel, and scores each test cell as nbgrader does: full points if
 * it ran to its end, the number it returned (capped to 0..points) for partial credit, nothing if it failed, ran out of time or
 * its kernel died. When a kernel dies (killed after a timeout, crashed), a fresh one replays the instructor and student cells
 * that had succeeded and grading goes on; after {@value #MAX_RESTARTS} restarts, or if the replay fails, the remaining tests are
 * marked not run.
 */
final class SubmissionRun {

    static final int MAX_RESTARTS = 2;

    /** Names the harness's wrapper relies on; a student type with one of these names could stand in for the grader's. */
    private static final Pattern RESERVED_TYPE = Pattern.compile("\\b(class|interface|enum|record)\\s+(vmlab|org|java)\\b");

    private final Assignment assignment;
    private final Restoration.Plan plan;
    private final SessionPool pool;
    private final Duration defaultTimeout;
    private final List<String> notes = new ArrayList<>();

    SubmissionRun(Assignment assignment, Restoration.Plan plan, SessionPool pool, Duration defaultTimeout) {
        this.assignment = assignment;
        this.plan = plan;
        this.pool = pool;
        this.defaultTimeout = defaultTimeout;
    }

    List<String> notes() {
        return notes;
    }

    /**
     * Runs every cell; reports each test cell's outcomes, in notebook order, as soon as they are known: one outcome per test
     * cell, or one per named check for a cell that gives points per check.
     */
    void execute(Consumer<Assignment.SourceCell> started, Consumer<List<TestOutcome>> finished) throws Exception {
        List<Restoration.PlannedCell> replayable = new ArrayList<>();
        SessionPool.Lease lease = pool.take();
        int restarts = 0;
        boolean gaveUp = false;
        int number = 0;
        try {
            for (Restoration.PlannedCell cell : plan.cells()) {
                boolean isTest = cell.origin() == Restoration.Origin.TESTS;
                if (isTest) {
                    number++;
                    started.accept(cell.source().orElseThrow());
                }
                if (!gaveUp && !lease.session().alive()) {
                    if (restarts == MAX_RESTARTS) {
                        notes.add("the kernel died " + (MAX_RESTARTS + 1) + " times; the remaining cells were not run");
                        gaveUp = true;
                    } else {
                        restarts++;
                        lease.session().close();
                        lease = pool.take();
                        gaveUp = !replay(lease.session(), replayable);
                        notes.add("the kernel was restarted before " + cell.label() + (gaveUp
                                ? "; replaying the earlier cells failed, so the remaining cells were not run"
                                : " and the earlier cells replayed"));
                    }
                }
                if (gaveUp) {
                    if (isTest) {
                        finished.accept(unscored(cell, number, TestOutcome.Status.NOT_RUN, "not run: the kernel died earlier"));
                    }
                    continue;
                }
                if (isTest) {
                    finished.accept(test(lease.session(), cell, number));
                } else if (cell.origin() != Restoration.Origin.INSTRUCTOR && RESERVED_TYPE.matcher(cell.code()).find()) {
                    notes.add(cell.label() + " declares a type named like a package the grader uses (vmlab, org, java); "
                            + "it was not run");
                } else {
                    CellRun outcome = lease.session().run(cell.code(), timeout(cell));
                    if (outcome.ok()) {
                        replayable.add(cell);
                    } else if (ranOutOfMemory(outcome)) {
                        // What the cell allocated may still be held by its variables, so every later cell would run in a
                        // full heap and time out. A fresh kernel replays the cells that succeeded, without this one.
                        notes.add(cell.label() + " ran out of memory; the kernel was restarted without it");
                        lease.session().close();
                    } else if (outcome.status() != CellRun.Status.ERROR) {
                        notes.add(cell.label() + ": " + outcome.error());
                    }
                }
            }
        } finally {
            lease.session().close();
        }
    }

    private static boolean ranOutOfMemory(CellRun outcome) {
        return outcome.status() == CellRun.Status.ERROR && outcome.error().contains("OutOfMemoryError");
    }

    private boolean replay(GradingSession session, List<Restoration.PlannedCell> cells) {
        for (Restoration.PlannedCell cell : cells) {
            if (!session.run(cell.code(), timeout(cell)).ok()) {
                return false;
            }
        }
        return true;
    }

    private List<TestOutcome> test(GradingSession session, Restoration.PlannedCell cell, int number) {
        Assignment.SourceCell source = cell.source().orElseThrow();
        HarnessCell harness = HarnessCell.wrap(cell.code());
        CellRun outcome = session.run(harness.code, timeout(cell));
        Optional<OptionalDouble> verdict = harness.passed(outcome);
        boolean hidden = Regions.hasHiddenTests(cell.code());
        double points = source.points();
        List<NamedChecks.Check> checks = NamedChecks.of(cell.code(), source.options().checkPoints());
        if (!checks.isEmpty()) {
            if (verdict.isPresent()) {
                return checkOutcomes(cell, number, checks, checks.size(), "");
            }
            Optional<HarnessCell.FailedCheck> failed = harness.failedCheck(outcome);
            if (failed.isPresent()) {
                return checkOutcomes(cell, number, checks, failed.get().checksPassed(), failed.get().message());
            }
        }
        if (verdict.isPresent()) {
            OptionalDouble partial = verdict.get();
            double score = partial.isPresent() ? Math.max(0, Math.min(points, partial.getAsDouble())) : points;
            TestOutcome.Status status = score == points ? TestOutcome.Status.PASSED
                    : score == 0 ? TestOutcome.Status.FAILED : TestOutcome.Status.PARTIAL;
            String output = hidden ? "" : outcome.stdout();
            if (status != TestOutcome.Status.PASSED) {
                output = "partial credit: " + score + " of " + points + (output.isEmpty() ? "" : "\n" + output);
            }
            return List.of(outcome(cell, number, score, status, output));
        }
        return switch (outcome.status()) {
            case TIMED_OUT -> unscored(cell, number, TestOutcome.Status.TIMED_OUT, "ran out of time (" + timeout(cell).toSeconds()
                    + " s); check for an endless loop");
            case DEAD -> unscored(cell, number, TestOutcome.Status.FAILED, "the kernel died while testing: " + outcome.error());
            default -> unscored(cell, number, TestOutcome.Status.FAILED, failureFeedback(outcome, hidden));
        };
    }

    /**
     * The outcomes of a cell of named checks, of which the first {@code passed} passed and the next one failed with
     * {@code message} (empty for a hidden check). With points per check, one outcome per check, each visible at once unless
     * it is hidden; without, one outcome for the cell, all or nothing, naming the check that failed.
     */
    private List<TestOutcome> checkOutcomes(Restoration.PlannedCell cell, int number, List<NamedChecks.Check> checks, int passed,
                                            String message) {
        Assignment.SourceCell source = cell.source().orElseThrow();
        String failure = passed >= checks.size() ? "" : feedback(checks.get(passed), message);
        if (source.options().checkPoints().isEmpty()) {
            return List.of(outcome(cell, number, failure.isEmpty() ? source.points() : 0,
                    failure.isEmpty() ? TestOutcome.Status.PASSED : TestOutcome.Status.FAILED, failure));
        }
        List<TestOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            NamedChecks.Check check = checks.get(i);
            TestOutcome.Status status = i < passed ? TestOutcome.Status.PASSED
                    : i == passed ? TestOutcome.Status.FAILED : TestOutcome.Status.NOT_RUN;
            String output = switch (status) {
                case PASSED -> "";
                case FAILED -> failure;
                default -> "not run: the check '" + checks.get(passed).name() + "' failed before it";
            };
            outcomes.add(new TestOutcome(source.gradeId().orElseThrow(), source.gradeId().orElseThrow() + ": " + check.name(),
                    number, i < passed ? check.points() : 0, check.points(), status, output, visibility(source, check.hidden())));
        }
        return outcomes;
    }

    /** What the student reads about a failed check: its name always; the failure's message only if the check is visible. */
    private static String feedback(NamedChecks.Check check, String message) {
        if (check.hidden()) {
            return "A hidden test failed: " + check.name() + ".";
        }
        return check.name() + ": failed" + (message.isEmpty() ? "." : ": " + message);
    }

    /** A cell that gave no verdict scores nothing: one outcome per check (if it has points per check) or one for the cell. */
    private List<TestOutcome> unscored(Restoration.PlannedCell cell, int number, TestOutcome.Status status, String output) {
        Assignment.SourceCell source = cell.source().orElseThrow();
        List<NamedChecks.Check> checks = NamedChecks.of(cell.code(), source.options().checkPoints());
        if (checks.isEmpty() || source.options().checkPoints().isEmpty()) {
            return List.of(outcome(cell, number, 0, status, output));
        }
        return checks.stream().map(check -> new TestOutcome(source.gradeId().orElseThrow(),
                source.gradeId().orElseThrow() + ": " + check.name(), number, 0, check.points(), status, output,
                visibility(source, check.hidden()))).toList();
    }

    private static Visibility visibility(Assignment.SourceCell source, boolean hidden) {
        return source.options().visibility().orElse(hidden ? Visibility.AFTER_PUBLISHED : Visibility.VISIBLE);
    }

    /** What a student may see of a failure: everything for visible tests; for a cell with hidden tests, never its source. */
    private static String failureFeedback(CellRun outcome, boolean hidden) {
        String error = outcome.error();
        if (!hidden) {
            return outcome.ok() ? "the test cell did not report a verdict (its result was replaced)" : error;
        }
        if (error.contains("HiddenTestFailure")) {
            return "A hidden test failed.";
        }
        if (error.startsWith("does not compile")) {
            return "The tests do not compile against your code: is a method missing, misnamed, or of the wrong type?";
        }
        return "A test failed" + (error.isEmpty() ? "." : ": " + firstLine(error));
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    private TestOutcome outcome(Restoration.PlannedCell cell, int number, double score, TestOutcome.Status status, String output) {
        Assignment.SourceCell source = cell.source().orElseThrow();
        Visibility visibility = visibility(source, Regions.hasHiddenTests(cell.code()));
        return new TestOutcome(source.gradeId().orElseThrow(), source.gradeId().orElseThrow(), number, score, source.points(),
                status, output, visibility);
    }

    private Duration timeout(Restoration.PlannedCell cell) {
        return cell.source().flatMap(s -> s.options().timeout()).orElse(defaultTimeout);
    }
}
