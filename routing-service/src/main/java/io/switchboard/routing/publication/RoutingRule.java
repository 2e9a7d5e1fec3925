package io.switchboard.routing.publication;

/**
 * The priority rule (SPEC §2): the campaign's agent, else the tenant's default agent, else the system
 * default. A campaign's agent counts only while the campaign is ACTIVE, and an agent only while it is
 * active: a paused campaign's numbers fall back to the tenant default rather than stop answering.
 */
record RoutingRule(String agentName, String rule) {
    static final String CAMPAIGN = "campaign";
    static final String TENANT_DEFAULT = "tenant_default";
    static final String SYSTEM_DEFAULT = "system_default";

    static RoutingRule choose(String campaignStatus, String campaignAgent, Boolean campaignAgentActive,
                              String tenantDefault, Boolean tenantDefaultActive, String systemDefault) {
        if ("ACTIVE".equals(campaignStatus) && campaignAgent != null && Boolean.TRUE.equals(campaignAgentActive)) {
            return new RoutingRule(campaignAgent, CAMPAIGN);
        }
        if (tenantDefault != null && Boolean.TRUE.equals(tenantDefaultActive)) {
            return new RoutingRule(tenantDefault, TENANT_DEFAULT);
        }
        return new RoutingRule(systemDefault, SYSTEM_DEFAULT);
    }
}
