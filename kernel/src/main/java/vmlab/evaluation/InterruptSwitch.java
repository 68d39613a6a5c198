package vmlab.evaluation;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;

/**
 * The switch behind every interrupt check that {@link InterruptCheckWeaver} weaves into a cell: one
 * {@link MutableCallSite} per JShell, whose target does nothing while the cell may run and throws {@link CellStopped}
 * once it must stop.
 * <p>
 * Why a call site and not a flag: the JIT compiles a call to a mutable call site's current target as if it were a
 * constant, and records that the compiled code depends on it, so a check that does nothing can be inlined away: on
 * tight loops the woven code runs within about 2 % of unwoven code ({@code vmlab bench --interrupt-checks}). Changing
 * the target throws that compiled code away (the JVM deoptimizes it at the thread's next safepoint poll, which an
 * endless loop keeps reaching), and the cell goes on in the interpreter, which calls the new target and stops. The
 * price is paid only when an interrupt comes.
 */
public final class InterruptSwitch {

    private static final MethodType CHECK = MethodType.methodType(void.class);
    private static final MethodHandle CARRY_ON = MethodHandles.empty(CHECK);
    private static final MethodHandle STOP;

    static {
        try {
            STOP = MethodHandles.lookup().findStatic(CellStopped.class, "raise", CHECK);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private InterruptSwitch() {
    }

    /** A new switch, off; called once by the check class generated for each JShell. */
    public static MutableCallSite newSite() {
        return new MutableCallSite(CARRY_ON);
    }

    /** Makes every check of that JShell's cells stop the cell ({@code on}), or let it run. */
    static void set(MutableCallSite site, boolean on) {
        MethodHandle target = on ? STOP : CARRY_ON;
        if (site.getTarget() != target) {
            site.setTarget(target);
            MutableCallSite.syncAll(new MutableCallSite[] {site});
        }
    }
}
