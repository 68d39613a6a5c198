package vmlab.engine;

/** Why an engine returned control to its caller. */
public enum Stop {
    /** The guest exited, powered off, passed or failed through {@code tohost}, or was killed: see the machine's exit state. */
    EXITED("the guest exited"),
    /** The instruction budget of this run is used up; the machine can run on. */
    INSTRUCTION_LIMIT("the instruction limit was reached"),
    /** The next instruction is at a breakpoint. */
    BREAKPOINT("a breakpoint was reached"),
    /** The host thread was interrupted (a notebook's stop button); the machine can run on. */
    INTERRUPTED("the host interrupted the run"),
    /** WFI with no interrupt enabled that could ever arrive: the hart would sleep forever. */
    WAITING_FOREVER("the hart waits for an interrupt that cannot come");

    private final String description;

    Stop(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
