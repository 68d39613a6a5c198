package vmlab.guest;

import java.nio.charset.StandardCharsets;

/** What one run of a guest program left behind: its exit status, what it printed, and whether we had to stop it. */
record GuestRun(int exitCode, byte[] stdout, String stderr, boolean timedOut) {

    String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return (timedOut ? "TIMED OUT, " : "") + "exit " + exitCode + ", " + stdout.length + " bytes of stdout"
                + (stderr.isBlank() ? "" : ", stderr: " + abbreviate(stderr));
    }

    private static String abbreviate(String text) {
        String oneLine = text.strip();
        return oneLine.length() <= 600 ? oneLine : oneLine.substring(0, 600) + "...";
    }
}
