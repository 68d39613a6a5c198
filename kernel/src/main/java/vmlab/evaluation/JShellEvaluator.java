package vmlab.evaluation;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates notebook cells with JShell, in this JVM: a cell may hold many snippets, the value of the last expression
 * comes back as a Java object, and failures come back as {@link EvaluationException}s a student can read.
 * Not thread-safe by design: the kernel evaluates one cell at a time; only {@link #interrupt()} comes from another thread.
 */
public final class JShellEvaluator implements AutoCloseable {

    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private final CellExecutionControl control;

    private JShellEvaluator(JShell shell, CellExecutionControl control) {
        this.shell = shell;
        this.analysis = shell.sourceCodeAnalysis();
        this.control = control;
    }

    /**
     * Starts JShell with a class path that holds the classes of {@code anchors} and the default imports.
     * Takes about a second (javac warms up), so the kernel calls it in the background.
     */
    public static JShellEvaluator start(Class<?>... anchors) {
        CellExecutionControl.Provider provider = new CellExecutionControl.Provider();
        // JShell's own streams are only used by remote agents; cells write to System.out, which the kernel routes.
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        JShell shell = JShell.builder()
                .executionEngine(provider, Map.of())
                .in(InputStream.nullInputStream()).out(nowhere).err(nowhere)
                .build();
        for (String entry : CellClassPath.entries(anchors)) {
            shell.addToClasspath(entry);
        }
        JShellEvaluator evaluator = new JShellEvaluator(shell, provider.created());
        evaluator.importDefaults();
        return evaluator;
    }

    /** Imports what exists of {@link DefaultImports}; a package missing from this build is simply not imported. */
    private void importDefaults() {
        for (String importLine : DefaultImports.IMPORTS) {
            shell.eval(importLine);
        }
    }

    /** The imports in effect, e.g. to check that the lab packages made it. */
    public List<String> imports() {
        return shell.imports().map(Snippet::source).map(String::strip).toList();
    }

    /** Runs each snippet of the cell in turn; stops at the first that does not compile or throws. */
    public CellValue evaluate(String cell) throws EvaluationException {
        return evaluate(cell, () -> false);
    }

    /**
     * Like {@link #evaluate(String)}, for a caller that may have been asked to interrupt the cell before it could hand
     * it over (the kernel, while JShell was still starting): once the cell counts as running, that is asked, so an
     * interrupt that came at any moment before is not lost.
     */
    public CellValue evaluate(String cell, BooleanSupplier interruptedBeforeStart) throws EvaluationException {
        control.beginCell();
        try {
            if (interruptedBeforeStart.getAsBoolean()) {
                throw new CellInterruptedException();
            }
            return evaluateSnippets(cell);
        } finally {
            control.endCell();
        }
    }

    private CellValue evaluateSnippets(String cell) throws EvaluationException {
        CellValue last = CellValue.NONE;
        String rest = cell;
        while (!rest.isBlank()) {
            int start = cell.length() - rest.length() + leadingBlanks(rest);
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            String source;
            String remaining;
            switch (info.completeness()) {
                case COMPLETE, COMPLETE_WITH_SEMI -> {
                    source = info.source();
                    remaining = info.remaining();
                }
                case EMPTY -> {
                    return last;
                }
                default -> {
                    // Incomplete or unknown: let the compiler say what is wrong.
                    source = rest;
                    remaining = "";
                }
            }
            last = run(source, cell, start);
            rest = remaining;
        }
        return last;
    }

    private CellValue run(String source, String cell, int start) throws EvaluationException {
        List<SnippetEvent> events = shell.eval(source);
        CellValue value = CellValue.NONE;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue;
            }
            if (control.interruptRequested()) {
                throw new CellInterruptedException();
            }
            if (event.status() == Snippet.Status.REJECTED) {
                throw compilationError(event.snippet(), cell, start);
            }
            if (event.exception() != null) {
                throw failure(event.exception());
            }
            value = valueOf(event);
        }
        if (control.interruptRequested()) {
            throw new CellInterruptedException();
        }
        return value;
    }

    private CellValue valueOf(SnippetEvent event) {
        Snippet snippet = event.snippet();
        boolean shown = switch (snippet.subKind()) {
            case TEMP_VAR_EXPRESSION_SUBKIND, VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND -> true;
            default -> false;
        };
        if (!shown || !(snippet instanceof VarSnippet || snippet instanceof ExpressionSnippet)) {
            return CellValue.NONE;
        }
        String valueString = event.value();
        if (!control.isValueKey(valueString)) {
            return CellValue.NONE;
        }
        Object value = control.value(valueString);
        if (value == null && snippet.subKind() == Snippet.SubKind.OTHER_EXPRESSION_SUBKIND) {
            return CellValue.NONE;
        }
        return CellValue.of(value);
    }

    private EvaluationException failure(JShellException exception) {
        Throwable real = control.failure();
        if (real != null) {
            return new CellFailedException(real);
        }
        if (exception instanceof UnresolvedReferenceException unresolved) {
            Snippet s = unresolved.getSnippet();
            List<String> missing = new ArrayList<>(shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) s).toList());
            return new CellFailedException("UnresolvedReferenceException",
                    "'" + name(s) + "' cannot be used until " + String.join(", ", missing) + " is defined");
        }
        if (exception instanceof EvalException eval) {
            return new CellFailedException(eval.getExceptionClassName(), eval.getMessage());
        }
        return new CellFailedException(exception.getClass().getName(), exception.getMessage());
    }

    private static String name(Snippet s) {
        return s instanceof jdk.jshell.DeclarationSnippet d ? d.name() : s.source();
    }

    private CompilationException compilationError(Snippet snippet, String cell, int start) {
        List<CompilationException.Problem> problems = new ArrayList<>();
        String source = snippet.source();
        for (Diag diag : shell.diagnostics(snippet).toList()) {
            if (!diag.isError()) {
                continue;
            }
            int position = (int) Math.max(0, Math.min(diag.getStartPosition(), source.length()));
            int end = (int) Math.max(position, Math.min(diag.getEndPosition(), source.length()));
            int lineStart = source.lastIndexOf('\n', position - 1) + 1;
            int lineEnd = source.indexOf('\n', position);
            if (lineEnd < 0) {
                lineEnd = source.length();
            }
            int cellOffset = Math.min(cell.length(), start + position);
            int line = 1 + (int) cell.substring(0, cellOffset).chars().filter(c -> c == '\n').count();
            problems.add(new CompilationException.Problem(line, source.substring(lineStart, lineEnd),
                    position - lineStart, Math.max(1, Math.min(end, lineEnd) - position), diag.getMessage(Locale.ENGLISH)));
        }
        if (problems.isEmpty()) {
            problems.add(new CompilationException.Problem(1, "", 0, 1, "the code is not a complete Java statement or declaration"));
        }
        return new CompilationException(problems);
    }

    private static int leadingBlanks(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Names, members and types that may follow the code before {@code cursor}. */
    public Completion complete(String code, int cursor) {
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = analysis.completionSuggestions(code, cursor, anchor);
        Set<String> matches = new LinkedHashSet<>();
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType).forEach(s -> matches.add(s.continuation()));
        suggestions.forEach(s -> matches.add(s.continuation()));
        return new Completion(List.copyOf(matches), anchor[0], cursor);
    }

    /** Signature and javadoc of what the cursor is on, or just after. */
    public Inspection inspect(String code, int cursor) {
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(code, cursor, true);
        if (docs.isEmpty() && cursor == code.length()) {
            // A bare method name: JShell documents calls, so ask about the call the name would start.
            docs = analysis.documentation(code + "(", cursor + 1, true);
        }
        return new Inspection(docs.stream().map(d -> new Inspection.Entry(d.signature(), d.javadoc())).toList());
    }

    /** Whether Enter should run the cell (complete), open a new line (incomplete) or show an error (invalid). */
    public Completeness completeness(String code) {
        String rest = code;
        while (true) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            switch (info.completeness()) {
                case COMPLETE, COMPLETE_WITH_SEMI -> {
                    rest = info.remaining();
                    if (rest.isBlank()) {
                        return Completeness.complete();
                    }
                }
                case EMPTY -> {
                    return Completeness.complete();
                }
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
                    return Completeness.incomplete(indentAfter(code));
                }
                default -> {
                    return Completeness.invalid();
                }
            }
        }
    }

    /** Four spaces per bracket still open at the end of the code (strings and chars skipped). */
    static String indentAfter(String code) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if (c == '}' || c == ')' || c == ']') {
                depth = Math.max(0, depth - 1);
            }
        }
        return "    ".repeat(depth);
    }

    /** Stops the running cell (see {@link CellExecutionControl#interruptCell()}); safe from any thread. */
    public void interrupt() {
        control.interruptCell();
    }

    @Override
    public void close() {
        shell.close();
    }
}
