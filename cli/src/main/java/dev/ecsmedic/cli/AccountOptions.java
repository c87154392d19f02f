package dev.ecsmedic.cli;

import dev.ecsmedic.core.aws.AwsClients;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * Which account a command talks to: the one the default credential chain names, another endpoint, or a scenario's
 * simulated account; the read-only commands ({@code plan}, {@code exec-check}) read it through {@link ReadOnlyGuard}.
 */
final class AccountOptions {

    @Option(names = "--endpoint-url", paramLabel = "URL", description = "AWS endpoint for every service.")
    URI endpointUrl;

    @Option(names = "--simulate", paramLabel = "SCENARIO[@SECONDS]",
            description = "Read a local simulator in that scenario's state, SECONDS (whole seconds, default 0) "
                    + "after its t0, not AWS.")
    String simulate;

    /** The account as the command reads it: its region, read-only clients, clock and template parameter defaults. */
    record Account(String region, AwsClients clients, Clock clock, Map<String, String> parameterDefaults) {}

    /** Runs {@code command} on the account; a simulated one is played first, with {@code reacting}'s functions. */
    int read(TemplateOptions template, Optional<Path> reacting, PrintWriter err, Function<Account, Integer> command) {
        if (simulate == null) {
            String region = template.region();
            return command.apply(new Account(region, ReadOnlyGuard.clients(region, Optional.ofNullable(endpointUrl),
                    DefaultCredentialsProvider.builder().build()), Clock.systemUTC(), Map.of()));
        }
        try (SimulatedAccount account = SimulatedAccount.start(simulate, reacting, template.overrides())) {
            err.println(account.describe());
            String region = template.region == null ? SimulatedAccount.REGION : template.region;
            return command.apply(new Account(region, ReadOnlyGuard.clients(region,
                    Optional.of(account.simulator().endpoint()), SimulatedAccount.SDK_CREDENTIALS),
                    account.world().clock(), account.parameterDefaults()));
        }
    }
}
