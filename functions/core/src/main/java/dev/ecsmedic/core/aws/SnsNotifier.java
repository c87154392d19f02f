package dev.ecsmedic.core.aws;

import dev.ecsmedic.core.port.Notifier;
import dev.ecsmedic.core.report.Report;
import dev.ecsmedic.core.report.ReportJson;
import java.util.LinkedHashSet;
import java.util.Set;
import software.amazon.awssdk.services.sns.SnsClient;

/** Publishes a report with actions to one SNS topic: a short subject for e-mail, the report's JSON as the body. */
public final class SnsNotifier implements Notifier {

    /** SNS limits e-mail subjects to 100 characters. */
    static final int MAX_SUBJECT = 100;

    private final SnsClient sns;
    private final String topicArn;

    public SnsNotifier(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void publish(Report report) {
        AwsErrors.run(() -> sns.publish(b -> b.topicArn(topicArn).subject(subject(report))
                .message(ReportJson.write(report))));
    }

    static String subject(Report report) {
        Set<String> targets = new LinkedHashSet<>();
        if (!report.actions().isEmpty()) {
            targets.add(report.cluster() + "/" + report.service());
        }
        report.services().stream().filter(s -> !s.actions().isEmpty())
                .forEach(s -> targets.add(s.cluster() + "/" + s.service()));
        Report acted = report.actions().isEmpty()
                ? report.services().stream().filter(s -> !s.actions().isEmpty()).findFirst().orElse(report)
                : report;
        String subject = "ecs-medic " + acted.decision() + (report.dryRun() ? " (dry run) " : " ")
                + String.join(", ", targets);
        return subject.length() <= MAX_SUBJECT ? subject : subject.substring(0, MAX_SUBJECT - 3) + "...";
    }
}
