package io.switchboard.routing.publication;

import io.r2dbc.spi.Readable;
import io.switchboard.events.AgentConfig;
import io.switchboard.events.EventSource;
import io.switchboard.events.RoutingEntry;
import io.switchboard.routing.RoutingProperties;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reads numbers' current routing from the tables and resolves each into its entry (or its removal). */
@Component
class RoutingEntryResolver {
    private static final String RESOLVE = """
            SELECT p.id, p.e164, p.active, p.provider, p.provider_sid, p.number_type,
                   p.stt_provider, p.stt_model, p.tts_provider, p.tts_model, p.tts_voice, p.llm_provider, p.llm_model,
                   t.id AS tenant_id, t.name AS tenant_name, t.active AS tenant_active, t.default_agent,
                   ta.active AS default_agent_active,
                   c.id AS campaign_id, c.name AS campaign_name, c.status AS campaign_status, c.agent_name, c.max_concurrent,
                   ca.active AS campaign_agent_active,
                   COALESCE(ct.livekit_trunk_id, nt.livekit_trunk_id) AS outbound_trunk_id
              FROM phone_numbers p
              JOIN tenants t ON t.id = p.tenant_id
              LEFT JOIN agents ta ON ta.name = t.default_agent
              LEFT JOIN campaigns c ON c.id = p.campaign_id
              LEFT JOIN agents ca ON ca.name = c.agent_name
              LEFT JOIN sip_trunks ct ON ct.id = c.sip_trunk_id AND ct.active
              LEFT JOIN sip_trunks nt ON nt.id = p.sip_trunk_id AND nt.active
             WHERE p.e164 = ANY(:numbers)""";

    private final DatabaseClient db;
    private final String systemDefault;

    RoutingEntryResolver(DatabaseClient db, RoutingProperties properties) {
        this.db = db;
        this.systemDefault = properties.systemDefaultAgent();
    }

    /**
     * The entries of the given numbers as they stand now; a number that is gone, inactive, or whose
     * tenant is inactive maps to empty (a tombstone). Times and version are the caller's.
     */
    Mono<Map<String, Optional<RoutingEntry.Builder>>> resolve(Collection<String> e164s) {
        return db.sql(RESOLVE).bind("numbers", e164s.toArray(String[]::new))
                .map(row -> Map.entry(row.get("e164", String.class), routable(row) ? Optional.of(toEntry(row))
                        : Optional.<RoutingEntry.Builder>empty()))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(found -> {
                    Map<String, Optional<RoutingEntry.Builder>> result = new HashMap<>(found);
                    e164s.forEach(n -> result.putIfAbsent(n, Optional.empty()));
                    return result;
                });
    }

    private static boolean routable(Readable row) {
        return Boolean.TRUE.equals(row.get("active", Boolean.class))
                && Boolean.TRUE.equals(row.get("tenant_active", Boolean.class));
    }

    private RoutingEntry.Builder toEntry(Readable row) {
        RoutingRule rule = RoutingRule.choose(row.get("campaign_status", String.class),
                row.get("agent_name", String.class), row.get("campaign_agent_active", Boolean.class),
                row.get("default_agent", String.class), row.get("default_agent_active", Boolean.class),
                systemDefault);
        return RoutingEntry.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setSource(EventSource.routing_service)
                .setPhoneNumber(row.get("e164", String.class))
                .setPhoneNumberId(row.get("id", UUID.class).toString())
                .setTenantId(row.get("tenant_id", UUID.class).toString())
                .setTenantName(row.get("tenant_name", String.class))
                .setCampaignId(Optional.ofNullable(row.get("campaign_id", UUID.class)).map(UUID::toString).orElse(null))
                .setCampaignName(row.get("campaign_name", String.class))
                .setAgentName(rule.agentName())
                .setRoutingRule(rule.rule())
                .setTenantDefaultAgent(row.get("default_agent", String.class))
                .setProvider(row.get("provider", String.class))
                .setProviderSid(row.get("provider_sid", String.class))
                .setNumberType(row.get("number_type", String.class))
                .setAgentConfig(agentConfig(row))
                .setOutboundTrunkId(row.get("outbound_trunk_id", String.class))
                .setCampaignMaxConcurrent(row.get("max_concurrent", Integer.class));
    }

    private static AgentConfig agentConfig(Readable row) {
        AgentConfig config = AgentConfig.newBuilder()
                .setSttProvider(row.get("stt_provider", String.class)).setSttModel(row.get("stt_model", String.class))
                .setTtsProvider(row.get("tts_provider", String.class)).setTtsModel(row.get("tts_model", String.class))
                .setTtsVoice(row.get("tts_voice", String.class)).setLlmProvider(row.get("llm_provider", String.class))
                .setLlmModel(row.get("llm_model", String.class)).build();
        boolean empty = config.getSchema().getFields().stream().allMatch(f -> config.get(f.pos()) == null);
        return empty ? null : config;
    }
}
