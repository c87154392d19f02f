package dev.ecsmedic.core.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsmedic.core.view.ServiceView;
import dev.ecsmedic.core.view.TaskView;
import dev.ecsmedic.testkit.EcsWorld;
import dev.ecsmedic.testkit.Scenario;
import dev.ecsmedic.testkit.Scenarios;
import dev.ecsmedic.testkit.ServiceSpec;
import dev.ecsmedic.testkit.Simulator;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the ECS reads cost across invocations of one container, against the simulator through the real client. */
class EcsObserverReadsTest {

    private static final String C = Scenarios.CLUSTER;
    private static final String WEB = Scenarios.WEB;

    private EcsWorld world;
    private Simulator simulator;
    private AwsClients clients;

    @BeforeEach
    void start() {
        world = EcsWorld.create();
        world.cluster(C);
        world.registerTaskDefinition(Scenarios.webTaskDefinition());
        world.createService(ServiceSpec.of(C, WEB, WEB, 2));
        world.settle(Duration.ofMinutes(5));
        simulator = Simulator.start(world);
        clients = AwsClients.local(simulator.endpoint());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void aRevisionIsReadOncePerContainerAndANewRevisionIsRead() {
        EcsObserver observer = new EcsObserver(clients::ecs);

        ServiceView first = observe(observer);
        ServiceView again = observe(observer);

        assertEquals(1, describeTaskDefinitionCalls(), "the second invocation reads no task definition");
        assertEquals(first.taskDefinitions(), again.taskDefinitions());
        assertEquals(Set.of("web:1"), revisions(again));

        world.registerRevision(WEB, td -> td);
        Scenario.ScriptStep.deployTaskDefinition(Duration.ZERO, C, WEB, "web:2").action().accept(world);
        world.advance(Duration.ofSeconds(30));
        ServiceView rolling = observe(observer);

        assertTrue(revisions(rolling).contains("web:2"), revisions(rolling).toString());
        assertEquals(revisions(rolling).size(), describeTaskDefinitionCalls(),
                "web:2 is read, web:1 is not read again");
        assertEquals(rolling.taskDefinitions().keySet(),
                rolling.tasks().stream().map(TaskView::taskDefinitionArn).collect(Collectors.toSet()));
    }

    @Test
    void theKeptRevisionsAreBounded() {
        world.registerRevision(WEB, td -> td);
        Scenario.ScriptStep.deployTaskDefinition(Duration.ZERO, C, WEB, "web:2").action().accept(world);
        world.advance(Duration.ofSeconds(30));
        EcsObserver keepsOne = new EcsObserver(clients::ecs, 1);

        ServiceView rolling = observe(keepsOne);
        assertEquals(Set.of("web:1", "web:2"), revisions(rolling), "a rollout in progress runs both revisions");
        long read = describeTaskDefinitionCalls();
        observe(keepsOne);

        assertEquals(2, read);
        assertTrue(describeTaskDefinitionCalls() > read, "with room for one, the other revision is read again");
    }

    @Test
    void everyPageOfAListIsRead() {
        IntStream.range(0, 104).forEach(i -> world.createService(ServiceSpec.of(C, "svc-" + i, WEB, 0)));

        List<String> names = new EcsObserver(clients::ecs).serviceNames(C);

        assertEquals(105, names.size());
        assertTrue(names.contains(WEB) && names.contains("svc-103"), names.toString());
        assertEquals(2, world.apiCalls().stream().filter(c -> c.operation().equals("ListServices")).count(),
                "100 a page");
    }

    private ServiceView observe(EcsObserver observer) {
        return observer.withTasks(observer.service(C, WEB).orElseThrow(), List.of());
    }

    private long describeTaskDefinitionCalls() {
        return world.apiCalls().stream().filter(c -> c.operation().equals("DescribeTaskDefinition")).count();
    }

    private static Set<String> revisions(ServiceView view) {
        return view.taskDefinitions().keySet().stream().map(a -> a.substring(a.lastIndexOf('/') + 1))
                .collect(Collectors.toSet());
    }
}
