package vmlab.charts;

import java.util.ArrayList;
import java.util.List;

/** A display surface that remembers every show and update, in order, as a kernel would send them. */
final class RecordingSurface implements DisplaySurface {

    record Call(String kind, String displayId, Object content, long nanos) {
    }

    private final List<Call> calls = new ArrayList<>();
    private int shown;

    @Override
    public synchronized String show(Object content) {
        String id = "display-" + shown++;
        calls.add(new Call("show", id, content, System.nanoTime()));
        return id;
    }

    @Override
    public synchronized void update(String displayId, Object content) {
        calls.add(new Call("update", displayId, content, System.nanoTime()));
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized Call last() {
        return calls.get(calls.size() - 1);
    }
}
