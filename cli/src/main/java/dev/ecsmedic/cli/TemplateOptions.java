package dev.ecsmedic.cli;

import dev.ecsmedic.template.SamTemplate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/** The options every command that reads template.yaml shares, spelled as {@code sam local invoke} spells them. */
final class TemplateOptions {

    static final String SAM_DEFAULT_REGION = "us-east-1";

    private static final Pattern CLOUDFORMATION_FORM = Pattern.compile("ParameterKey=([^,]+),ParameterValue=(.*)");

    @Option(names = {"-t", "--template"}, defaultValue = "template.yaml", paramLabel = "PATH",
            description = "The SAM template (default: ${DEFAULT-VALUE}).")
    Path template;

    @Option(names = "--parameter-overrides", arity = "1..*", paramLabel = "K=V",
            description = "Template parameters, as Key=Value or ParameterKey=Key,ParameterValue=Value.")
    List<String> parameterOverrides = new ArrayList<>();

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region (default: the SDK's region chain, else " + SAM_DEFAULT_REGION + ").")
    String region;

    /** The stack as deployed with these overrides, on top of {@code defaults} for parameters not given. */
    SamTemplate load(Map<String, String> defaults) {
        return load(defaults, region());
    }

    SamTemplate load(Map<String, String> defaults, String awsRegion) {
        Map<String, String> values = new LinkedHashMap<>(defaults);
        values.putAll(overrides());
        return SamTemplate.load(template, values, Map.of("AWS::Region", awsRegion));
    }

    Map<String, String> overrides() {
        return parse(parameterOverrides);
    }

    String region() {
        if (region != null && !region.isBlank()) {
            return region;
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion().id();
        } catch (SdkClientException e) {
            return SAM_DEFAULT_REGION;
        }
    }

    static Map<String, String> parse(List<String> arguments) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String argument : arguments) {
            for (String token : tokens(argument)) {
                Matcher cloudFormation = CLOUDFORMATION_FORM.matcher(token);
                if (cloudFormation.matches()) {
                    parsed.put(cloudFormation.group(1), unquote(cloudFormation.group(2)));
                    continue;
                }
                int eq = token.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("parameter override '" + token
                            + "' is neither Key=Value nor ParameterKey=Key,ParameterValue=Value");
                }
                parsed.put(token.substring(0, eq), unquote(token.substring(eq + 1)));
            }
        }
        return parsed;
    }

    /** Splits on white space outside quotes, as SAM splits its one-string form. */
    private static List<String> tokens(String argument) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        for (char c : argument.toCharArray()) {
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
                current.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
                current.append(c);
            } else if (Character.isWhitespace(c)) {
                if (current.length() > 0) {
                    tokens.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (current.length() > 0) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
