package vmlab.display;

/** Where {@link Display} sends what a cell shows; the kernel implements it for the cell being executed. */
public interface DisplayChannel {

    /** display_data; {@code displayId} lets later updates replace it. */
    void show(MimeBundle bundle, String displayId);

    /** update_display_data for an earlier {@link #show}. */
    void update(MimeBundle bundle, String displayId);

    /** clear_output; with {@code wait}, the front end clears only when new output arrives (no flicker). */
    void clear(boolean wait);

    /** A pager payload on the execute reply (Jupyter shows it in a pane below the notebook). */
    void page(MimeBundle bundle);

    /** Asks the user for a line (input_request); with {@code password} the front end hides what is typed. */
    String readLine(String prompt, boolean password) throws java.io.IOException;

    /** Outside a kernel (plain Java, unit tests): show text on standard output. */
    DisplayChannel CONSOLE = new DisplayChannel() {
        @Override
        public void show(MimeBundle bundle, String displayId) {
            System.out.println(bundle);
        }

        @Override
        public void update(MimeBundle bundle, String displayId) {
            System.out.println(bundle);
        }

        @Override
        public void clear(boolean wait) {
        }

        @Override
        public void page(MimeBundle bundle) {
            System.out.println(bundle);
        }

        @Override
        public String readLine(String prompt, boolean password) throws java.io.IOException {
            System.out.print(prompt);
            System.out.flush();
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
            if (line == null) {
                throw new java.io.EOFException("no more input");
            }
            return line;
        }
    };
}
