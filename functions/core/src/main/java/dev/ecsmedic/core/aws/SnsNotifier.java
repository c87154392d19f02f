package dev.ecsmedic.core.aws;

import dev.ecsmedic.core.port.Notifier;
import dev.ecsmedic.core.report.Report;
import dev.ecsmedic.core.report.ReportJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Publishes a report with actions to one SNS topic: a short subject for e-mail, the report's JSON as the body, and
 * message attributes a subscription filter policy can select on. A FIFO topic gets a deduplication id made of the
 * service, deployment and actions, so SNS drops the same notification from another execution environment.
 */
public final class SnsNotifier implements Notifier {

    /** SNS limits e-mail subjects to 100 characters. */
    static final int MAX_SUBJECT = 100;
    /** SNS limits a FIFO message group id to 128 characters. */
    static final int MAX_GROUP_ID = 128;

    private final Supplier<SnsClient> sns;
    private final String topicArn;

    /** {@code sns} is asked for the client at the first publish. */
    public SnsNotifier(Supplier<SnsClient> sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public void publish(Report report) {
        PublishRequest request = request(topicArn, report);
        AwsErrors.run(() -> sns.get().publish(request));
    }

    static PublishRequest request(String topicArn, Report report) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attribute(attributes, "decision", report.decision().name());
        attribute(attributes, "dryRun", Boolean.toString(report.dryRun()));
        attribute(attributes, "cluster", report.cluster());
        attribute(attributes, "service", report.service());
        attribute(attributes, "deployment", report.deployment());
        attribute(attributes, "function", report.function());
        PublishRequest.Builder b = PublishRequest.builder().topicArn(topicArn).subject(subject(report))
                .message(ReportJson.write(report)).messageAttributes(attributes);
        if (topicArn.endsWith(".fifo")) {
            String group = report.cluster() + "/" + report.service();
            b.messageGroupId(group.length() <= MAX_GROUP_ID ? group : sha256(group))
                    .messageDeduplicationId(sha256(String.join("\n", report.actionKeys())));
        }
        return b.build();
    }

    private static void attribute(Map<String, MessageAttributeValue> attributes, String name, String value) {
        if (value != null && !value.isEmpty()) {
            attributes.put(name, MessageAttributeValue.builder().dataType("String").stringValue(value).build());
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
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
