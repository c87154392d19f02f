package dev.ecsmedic.core.port;

import dev.ecsmedic.core.view.ServiceView;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Reads services and their tasks from ECS. Every method may throw {@link AwsFailure}. */
public interface ServiceReads {

    /** The service and its deployments, without tasks; empty when ECS reports the service missing. */
    Optional<ServiceView> service(String cluster, String service);

    /** Adds the service's running and recently stopped tasks, the tasks named by the event, and their definitions. */
    ServiceView withTasks(ServiceView view, Collection<String> taskHints);

    /** One task, with its task definition, as the view of the service that runs it; empty when ECS does not know it. */
    Optional<ServiceView> task(String cluster, String task);

    /** Service names of a cluster, for the scheduled sweep when every service is watched. */
    List<String> serviceNames(String cluster);
}
