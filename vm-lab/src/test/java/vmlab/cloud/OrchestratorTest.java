package vmlab.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OrchestratorTest {

    @Test
    void replicasAreSpreadSoOneHostFailureTakesOnlyItsShare() {
        OrchestrationResult r = Orchestrator.hosts(3, HostShape.server()).service("web", 6, 1, 2).failHost(1, 10)
                .run(48);
        assertEquals(4, r.fewestRunning());
        assertEquals(6, r.runningAtEnd());
        assertEquals(2, r.events().where(r.events().stringColumn("event").isEqualTo("replica lost")).rowCount());
    }

    @Test
    void anExitedReplicaIsReplaced() {
        OrchestrationResult r = Orchestrator.hosts(2, HostShape.server()).service("api", 2, 1, 1).replicaExits(0, 5)
                .startSeconds(0.5).run(10);
        assertEquals(2, r.runningAtEnd());
        assertTrue(r.events().stringColumn("event").asList().contains("replica exited"));
    }

    @Test
    void withoutRoomReplacementsWaitForAHostToComeBack() {
        // Two hosts, each fits 2 replicas of 6 cores: losing one host leaves 2 of 4 running until it returns.
        OrchestrationResult r = Orchestrator.hosts(2, HostShape.server()).service("big", 4, 6, 4).failHost(0, 1)
                .recoverHost(0, 5).run(10);
        assertEquals(2, r.fewestRunning());
        assertEquals(4, r.runningAtEnd());
    }

    @Test
    void impossibleDeclarationsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Orchestrator.hosts(2, HostShape.server())
                .service("huge", 1, 64, 1));
        assertThrows(IllegalArgumentException.class, () -> Orchestrator.hosts(2, HostShape.server()).failHost(5, 1));
    }
}
