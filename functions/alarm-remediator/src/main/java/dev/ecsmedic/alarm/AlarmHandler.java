package dev.ecsmedic.alarm;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.ecsmedic.core.Remediator;
import dev.ecsmedic.core.StaleLockRemediation;
import dev.ecsmedic.core.aws.AwsClients;
import dev.ecsmedic.core.event.EventParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/** Lambda entry point of AlarmRemediatorFunction: alarm state change in, report JSON out. */
public final class AlarmHandler implements RequestStreamHandler {

    public static final String FUNCTION = "AlarmRemediatorFunction";
    public static final String DEFAULT_ALARM_NAME_PREFIX = "ecs-medic-";

    private final Remediator remediator;

    /** Called by Lambda once per container: real clients, settings from the environment. */
    public AlarmHandler() {
        this(compose(AwsClients.fromEnvironment(), System.getenv()).settingsFrom(System.getenv())
                .notifierFrom(System.getenv()).build());
    }

    public AlarmHandler(Remediator remediator) {
        this.remediator = remediator;
    }

    /**
     * This function's remediations and alarm resolution on the given clients, acting on alarms whose name starts
     * with {@code ALARM_NAME_PREFIX} from {@code env}; settings, notifier, clock and log are the caller's.
     */
    public static Remediator.Builder compose(AwsClients clients, Map<String, String> env) {
        StaleLockRemediation staleLock = new StaleLockRemediation();
        String prefix = env.getOrDefault("ALARM_NAME_PREFIX", "").isBlank()
                ? DEFAULT_ALARM_NAME_PREFIX : env.get("ALARM_NAME_PREFIX").trim();
        AlarmTags tags = new AlarmTags(clients.configure(CloudWatchClient.builder()).build());
        return Remediator.builder(FUNCTION, clients)
                .remediation(staleLock)
                .alarmTargets(new AlarmTargets(prefix, Set.of(staleLock.name()), tags));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readNBytes(EventParser.MAX_EVENT_BYTES + 1);
        output.write(remediator.handle(event).getBytes(StandardCharsets.UTF_8));
    }
}
