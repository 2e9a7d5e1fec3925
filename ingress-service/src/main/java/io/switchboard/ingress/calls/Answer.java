package io.switchboard.ingress.calls;

import java.util.Map;

/**
 * What a call is answered: the agent, the rule that chose it, the dispatch metadata (a JSON string, as LiveKit's
 * agent dispatch takes it), the participant attributes, and the id of the call's {@code call.started} event.
 */
public record Answer(String agentName, String rule, String metadata, Map<String, String> attributes, String eventId) {
}
