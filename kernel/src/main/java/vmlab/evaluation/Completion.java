package vmlab.evaluation;

import java.util.List;

/** Candidates that may replace the code between {@code start} and {@code end} (UTF-16 offsets in the cell). */
public record Completion(List<String> matches, int start, int end) {
}
