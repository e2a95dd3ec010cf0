package io.github.clusterready.tomcat.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadPlanTest {
    private static final List<String> TWO = List.of("node1", "node2");
    private static final Scenario FLOW = new Scenario(List.of(ScenarioStep.request("GET", "/count", null)));

    private static String refused(Integer users, Long requests, Integer seconds, Integer kills, List<String> nodes,
            Scenario scenario) {
        return assertThrows(RuntimeClusterException.class,
                () -> LoadPlan.of("<load>", users, requests, seconds, kills, nodes, scenario)).getMessage();
    }

    @Test
    void leftOutValuesTakeTheirDefaults() throws Exception {
        LoadPlan plan = LoadPlan.of("<load>", null, null, null, null, TWO, FLOW);
        assertEquals(10, plan.users());
        assertEquals(0, plan.requests());
        assertEquals(Duration.ofSeconds(60), plan.duration());
        assertEquals(2, plan.kills());
        assertEquals("10 users, at most 60 s, 2 kills and restarts", plan.toString());
        // a request count alone bounds the drill by that count only
        LoadPlan counted = LoadPlan.of("<load>", 1, 500L, null, 1, List.of("a", "b", "c"), FLOW);
        assertEquals(Duration.ZERO, counted.duration());
        assertEquals("1 user, at most 500 requests, 1 kill and restart", counted.toString());
        assertEquals("3 users, at most 500 requests or 30 s, 0 kills and restarts",
                LoadPlan.of("<load>", 3, 500L, 30, 0, TWO, FLOW).toString());
    }

    @Test
    void eachValueOutOfRangeIsRefusedNamingTheElementAndTheRange() {
        assertEquals("<load><users> 0 is out of range: give 1 to 200 simulated users",
                refused(0, null, null, null, TWO, FLOW));
        assertEquals("<load><users> 201 is out of range: give 1 to 200 simulated users",
                refused(201, null, null, null, TWO, FLOW));
        assertEquals("<load><requests> -1 is out of range: give 1 to 1000000 requests in all, or leave it out to "
                + "bound the drill by <seconds>", refused(null, -1L, null, null, TWO, FLOW));
        assertEquals("<load><seconds> 0 is out of range: give 1 to 3600 seconds (or a <requests> count)",
                refused(null, null, 0, null, TWO, FLOW));
        assertEquals("<load><seconds> 3601 is out of range: give 1 to 3600 seconds",
                refused(null, 10L, 3601, null, TWO, FLOW));
        assertEquals("<load><kills> 101 is out of range: give 0 to 100 kills and restarts",
                refused(null, null, null, 101, TWO, FLOW));
    }

    @Test
    void aKillNeedsASecondNodeAndTheFlowItsRequestsWithoutKillsOfItsOwn() {
        assertEquals("<load><kills> 1 needs a second node to take over: give <nodeCount>2</nodeCount> or more, or "
                + "<kills>0</kills>", refused(null, null, null, null, List.of("node1"), FLOW));
        assertEquals("<load> needs a flow for its users: give <requests> with at least one <request><path>",
                refused(null, null, null, null, TWO, new Scenario(List.of())));
        assertEquals("<load> kills and restarts nodes itself (<kills>): remove the <kill> and <restart> steps from "
                + "<requests>, or leave <load> out to replay them once", refused(null, null, null, null, TWO,
                new Scenario(List.of(ScenarioStep.request("GET", "/a", null), ScenarioStep.kill("last")))));
    }

    @Test
    void killsFallEvenlyInsideTheBoundOfTimeOrCountWhicheverIsFurther() throws Exception {
        LoadPlan plan = LoadPlan.of("<load>", 2, 1000L, 30, 2, TWO, FLOW);
        long tenSeconds = Duration.ofSeconds(10).toNanos();
        assertEquals(1.0 / 3, plan.progress(tenSeconds, 0), 1e-9);
        assertEquals(0.5, plan.progress(tenSeconds, 500), 1e-9);
        assertEquals(1.0, plan.progress(tenSeconds * 9, 0), 1e-9);
        assertFalse(plan.killDue(1, 0.33));
        assertTrue(plan.killDue(1, 1.0 / 3));
        assertFalse(plan.killDue(2, 0.6));
        assertTrue(plan.killDue(2, 2.0 / 3));
        assertFalse(plan.killDue(3, 1.0), "no third kill in a plan of two");
        assertFalse(LoadPlan.of("<load>", 2, null, 30, 0, TWO, FLOW).killDue(1, 1.0));
    }
}
