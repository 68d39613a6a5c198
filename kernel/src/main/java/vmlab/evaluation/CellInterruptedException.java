package vmlab.evaluation;

import java.util.List;

/** The user interrupted the cell; the kernel and everything defined before the cell are still there. */
public final class CellInterruptedException extends EvaluationException {

    CellInterruptedException() {
        super("the cell was interrupted; variables defined before it are kept", null);
    }

    @Override
    public String ename() {
        return "Interrupted";
    }

    @Override
    public List<String> traceback() {
        return List.of(BOLD_RED + "Interrupted" + RESET + ": " + evalue());
    }
}
