package vmlab.lab;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class LabChecksTest {

    @Test
    void anAssemblySnippetIsCheckedByTheRegisterItLeaves() {
        LabChecks.assertAssemblyComputes("li a0, 6\nli a1, 7\nmul a0, a0, a1", "a0", 42);
        AssertionError wrong = assertThrows(AssertionError.class,
                () -> LabChecks.assertAssemblyComputes("li a0, 6\nli a1, 7\nadd a0, a0, a1", "a0", 42));
        assertEquals("the snippet leaves 13 (0xd) in a0, but should leave 42", wrong.getMessage());
    }

    @Test
    void aSnippetStuckInALoopFailsInsteadOfHanging() {
        AssertionError stuck = assertThrows(AssertionError.class,
                () -> LabChecks.assertAssemblyComputes("loop:\n    j loop", "a0", 0));
        assertTrue(stuck.getMessage().startsWith("the snippet did not reach its end"), stuck.getMessage());
    }

    @Test
    void aGuestProgramIsCheckedByWhatItPrints() {
        String printed = Lab.machine().load(Guest.program("hello")).run().output();
        assertFalse(printed.isEmpty());
        LabChecks.assertGuestPrints(printed, "hello");
        AssertionError wrong = assertThrows(AssertionError.class, () -> LabChecks.assertGuestPrints("goodbye\n", "hello"));
        assertTrue(wrong.getMessage().startsWith("hello should print \"goodbye\\n\" but printed"), wrong.getMessage());
    }
}
