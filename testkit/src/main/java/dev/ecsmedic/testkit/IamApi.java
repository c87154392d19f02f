package dev.ecsmedic.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;

/** IAM's policy simulator for the task roles of the simulated account: SimulatePrincipalPolicy, in XML. */
final class IamApi {
    private IamApi() {
    }

    static JsonNode handle(EcsWorld w, String caller, String op, ObjectNode form) {
        if (!op.equals("SimulatePrincipalPolicy")) {
            throw new AwsError(400, "InvalidAction", "Could not find operation " + op + " for version "
                    + QueryProtocol.IAM_VERSION);
        }
        String source = form.path("PolicySourceArn").asText("");
        List<String> actions = QueryProtocol.list(form, "ActionNames.member");
        if (source.isEmpty() || actions.isEmpty()) {
            throw new AwsError(400, "ValidationError", "1 validation error detected: Value null at '"
                    + (source.isEmpty() ? "policySourceArn" : "actionNames") + "' failed to satisfy constraint: "
                    + "Member must not be null");
        }
        if (w.execPrerequisites().refuses(op)) {
            throw new AwsError(403, "AccessDenied", "User: arn:aws:sts::" + Model.ACCOUNT + ":assumed-role/"
                    + caller + "-role/" + caller + " is not authorized to perform: iam:SimulatePrincipalPolicy on "
                    + "resource: " + source);
        }
        List<String> resources = QueryProtocol.list(form, "ResourceArns.member");
        String resource = resources.isEmpty() ? "*" : resources.get(0);
        StringBuilder results = new StringBuilder();
        for (String action : actions) {
            String decision = w.execPrerequisites().decision(w, source, action);
            if (decision == null) {
                throw new AwsError(404, "NoSuchEntity", "The role with name "
                        + source.substring(source.lastIndexOf('/') + 1) + " cannot be found.");
            }
            results.append("      <member>\n");
            if (decision.equals("allowed")) {
                results.append("        <MatchedStatements>\n          <member>\n            ")
                        .append(QueryProtocol.element("SourcePolicyId", "ecs-exec"))
                        .append("\n            <EndPosition>\n              <Column>6</Column>\n              "
                                + "<Line>14</Line>\n            </EndPosition>\n            <StartPosition>\n"
                                + "              <Column>5</Column>\n              <Line>4</Line>\n"
                                + "            </StartPosition>\n          </member>\n        </MatchedStatements>\n");
            } else {
                results.append("        <MatchedStatements/>\n");
            }
            results.append("        <MissingContextValues/>\n        ")
                    .append(QueryProtocol.element("EvalResourceName", resource)).append("\n        ")
                    .append(QueryProtocol.element("EvalDecision", decision)).append("\n        ")
                    .append(QueryProtocol.element("EvalActionName", action)).append("\n      </member>\n");
        }
        return TextNode.valueOf(QueryProtocol.iamResponse(op, "    <IsTruncated>false</IsTruncated>\n"
                + "    <EvaluationResults>\n" + results + "    </EvaluationResults>\n"));
    }
}
