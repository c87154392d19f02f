package dev.ecsmedic.template;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import software.amazon.event.ruler.Machine;

/**
 * Routes an event through the EventBridge rules template.yaml declares, using event-ruler (the matching engine
 * behind EventBridge), so tests learn which functions a real event would invoke. Schedules are not patterns and
 * never match.
 */
public final class EventRouter {
    private final Machine machine = new Machine();
    private final Map<String, RuleRef> rulesByKey = new HashMap<>();

    /** A matched rule: the function's logical id and the event name under its Events. */
    public record RuleRef(String functionLogicalId, String ruleName) {
    }

    public EventRouter(SamTemplate template) {
        for (FunctionSpec function : template.functions()) {
            for (EventRule rule : function.rules()) {
                String key = function.logicalId() + "/" + rule.name();
                try {
                    machine.addRule(key, rule.patternJson());
                } catch (Exception e) {
                    throw new TemplateException("EventBridge would reject the pattern of " + key + ": "
                            + e.getMessage(), e);
                }
                rulesByKey.put(key, new RuleRef(function.logicalId(), rule.name()));
            }
        }
    }

    /** The functions the matching rules belong to, as sorted logical ids. */
    public List<String> functionsFor(String eventJson) {
        TreeSet<String> functions = new TreeSet<>();
        matchingRules(eventJson).forEach(r -> functions.add(r.functionLogicalId()));
        return List.copyOf(functions);
    }

    /** Every matching rule, sorted by function then rule name. */
    public List<RuleRef> matchingRules(String eventJson) {
        List<String> keys;
        try {
            keys = machine.rulesForJSONEvent(eventJson);
        } catch (Exception e) {
            throw new IllegalArgumentException("not an EventBridge event: " + e.getMessage(), e);
        }
        List<RuleRef> matched = new ArrayList<>();
        new TreeSet<>(keys).forEach(k -> matched.add(rulesByKey.get(k)));
        return matched;
    }
}
