package vmlab.timesharing;

import java.util.Arrays;
import java.util.List;

/**
 * What a user submits at the terminal: a command line naming a corpus program (e.g. {@code "fib 16"}), and what the user
 * will type as the program's standard input once it runs ("" for none).
 */
public record Job(String command, String input) {
    public Job {
        if (command == null || command.isBlank()) {
            throw new IllegalArgumentException("a job needs a command line, such as \"fib 16\"");
        }
        input = input == null ? "" : input;
    }

    public static Job of(String command) {
        return new Job(command, "");
    }

    public static Job of(String command, String input) {
        return new Job(command, input);
    }

    /** The command line split into words: the program's argv. */
    public List<String> argv() {
        return Arrays.asList(command.trim().split("\\s+"));
    }

    /** The program's name: the first word. */
    public String program() {
        return argv().get(0);
    }

    @Override
    public String toString() {
        return input.isEmpty() ? command : command + " < " + input.length() + " typed characters";
    }
}
