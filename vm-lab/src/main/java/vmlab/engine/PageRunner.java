package vmlab.engine;

/**
 * Runs predecoded code inside one code page: what the engines call the fast interpreter's loop through. The loop is
 * {@link PageInterpreter}, either the class everyone shares or a machine's private copy of it
 * ({@link PrivateInterpreter}); a copy has no name the engines could use, hence this interface.
 */
interface PageRunner {
    /**
     * Runs from {@code hart.pc}, which must lie in {@code page}, until the page is left, {@code budget} instructions
     * have been attempted, a delegated instruction sets {@code hart.recheck}, or (if {@code oneBlock}) the first
     * control transfer. Returns the instructions attempted.
     */
    int run(CodePage page, int budget, boolean oneBlock);
}
