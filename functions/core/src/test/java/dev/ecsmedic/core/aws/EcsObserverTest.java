package dev.ecsmedic.core.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ecsmedic.core.view.DeploymentController;
import dev.ecsmedic.core.view.SchedulingStrategy;
import dev.ecsmedic.core.view.ServiceView;
import dev.ecsmedic.core.view.TaskDefinitionView;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DeploymentControllerType;
import software.amazon.awssdk.services.ecs.model.EFSVolumeConfiguration;
import software.amazon.awssdk.services.ecs.model.MountPoint;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.Volume;

class EcsObserverTest {

    @Test
    void theServicesControllerAndStrategyAreRead() {
        ServiceView blueGreen = EcsObserver.toView("observability", Service.builder().serviceName("prometheus")
                .status("ACTIVE").schedulingStrategy("REPLICA")
                .deploymentController(b -> b.type(DeploymentControllerType.CODE_DEPLOY)).build());
        ServiceView daemon = EcsObserver.toView("observability", Service.builder().serviceName("node-exporter")
                .status("ACTIVE").schedulingStrategy("DAEMON").build());

        assertEquals(DeploymentController.CODE_DEPLOY, blueGreen.deploymentController());
        assertEquals(SchedulingStrategy.REPLICA, blueGreen.schedulingStrategy());
        assertEquals(DeploymentController.ECS, daemon.deploymentController(), "ECS when none is given");
        assertEquals(SchedulingStrategy.DAEMON, daemon.schedulingStrategy());
    }

    @Test
    void onlyVolumesAnEssentialContainerMountsAreLockDomains() {
        TaskDefinition definition = TaskDefinition.builder().taskDefinitionArn("arn:td/prometheus:8")
                .family("prometheus")
                .volumes(efs("data", "fs-1", "/prometheus"), efs("leftover", "fs-1", "/old"),
                        efs("backup", "fs-2", "/"))
                .containerDefinitions(
                        ContainerDefinition.builder().name("prometheus").essential(true)
                                .mountPoints(MountPoint.builder().sourceVolume("data").containerPath("/prometheus")
                                        .build()).build(),
                        ContainerDefinition.builder().name("backup").essential(false)
                                .mountPoints(MountPoint.builder().sourceVolume("backup").containerPath("/backup")
                                        .build()).build())
                .build();

        TaskDefinitionView view = EcsObserver.toView(definition);

        assertEquals(List.of(new TaskDefinitionView.MountPoint("data", "/prometheus")),
                view.container("prometheus").orElseThrow().mountPoints());
        assertEquals(3, view.efsVolumes().size());
        assertEquals(Set.of("fs-1:/prometheus"), view.lockDomains());
    }

    private static Volume efs(String name, String fs, String root) {
        return Volume.builder().name(name).efsVolumeConfiguration(EFSVolumeConfiguration.builder().fileSystemId(fs)
                .rootDirectory(root).build()).build();
    }
}
