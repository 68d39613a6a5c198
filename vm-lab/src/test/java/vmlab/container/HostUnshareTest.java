package vmlab.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** A real `unshare` on this host, where it is allowed: the lab's containers have a real peer to be measured against. */
class HostUnshareTest {
    @Test
    void aRealNamespacedProcessStartsAndIsTimedNextToAPlainOne() {
        String refusal = HostUnshare.refusal();
        Assumptions.assumeTrue(refusal == null, () -> "skipped: this host does not allow unshare: " + refusal);
        HostUnshare.Timing t = HostUnshare.measure(3);
        assertEquals(3, t.runs());
        assertTrue(t.namespacedMillis() > 0 && t.plainMillis() > 0, t.toString());
    }
}
