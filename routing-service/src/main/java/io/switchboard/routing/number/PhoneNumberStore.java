package io.switchboard.routing.number;

import io.r2dbc.spi.Readable;
import io.switchboard.platform.sql.PageRequest;
import io.switchboard.platform.sql.Page;
import io.switchboard.platform.sql.Pages;
import io.switchboard.platform.sql.Sql;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The phone_numbers table. Inserts are multi-row (arrays unnested server-side), one round trip per chunk. */
@Component
class PhoneNumberStore {
    static final String COLUMNS = "id, e164, tenant_id, campaign_id, provider, provider_sid, number_type, active,"
            + " stt_provider, stt_model, tts_provider, tts_model, tts_voice, llm_provider, llm_model, sip_trunk_id, created_at, updated_at";

    private final DatabaseClient db;

    PhoneNumberStore(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts the rows; returns the E.164 numbers actually inserted (an existing number is skipped). */
    Flux<String> insert(List<PhoneNumberRequest.Valid> rows) {
        Function<Function<PhoneNumberRequest.Valid, Object>, String[]> column =
                f -> rows.stream().map(f).map(v -> v == null ? null : v.toString()).toArray(String[]::new);
        return db.sql("""
                INSERT INTO phone_numbers (id, e164, tenant_id, campaign_id, provider, provider_sid, number_type, active,
                       stt_provider, stt_model, tts_provider, tts_model, tts_voice, llm_provider, llm_model, sip_trunk_id)
                SELECT * FROM unnest(:ids::uuid[], :e164::text[], :tenants::uuid[], :campaigns::uuid[], :providers::text[],
                       :sids::text[], :types::text[], :active::boolean[], :stt::text[], :sttm::text[], :tts::text[],
                       :ttsm::text[], :voice::text[], :llm::text[], :llmm::text[], :trunks::uuid[])
                ON CONFLICT (e164) DO NOTHING
                RETURNING e164""")
                .bind("ids", rows.stream().map(r -> UUID.randomUUID().toString()).toArray(String[]::new))
                .bind("e164", column.apply(PhoneNumberRequest.Valid::e164))
                .bind("tenants", column.apply(PhoneNumberRequest.Valid::tenantId))
                .bind("campaigns", column.apply(PhoneNumberRequest.Valid::campaignId))
                .bind("providers", column.apply(PhoneNumberRequest.Valid::provider))
                .bind("sids", column.apply(PhoneNumberRequest.Valid::providerSid))
                .bind("types", column.apply(PhoneNumberRequest.Valid::numberType))
                .bind("active", column.apply(PhoneNumberRequest.Valid::active))
                .bind("stt", column.apply(r -> r.agentConfig().sttProvider()))
                .bind("sttm", column.apply(r -> r.agentConfig().sttModel()))
                .bind("tts", column.apply(r -> r.agentConfig().ttsProvider()))
                .bind("ttsm", column.apply(r -> r.agentConfig().ttsModel()))
                .bind("voice", column.apply(r -> r.agentConfig().ttsVoice()))
                .bind("llm", column.apply(r -> r.agentConfig().llmProvider()))
                .bind("llmm", column.apply(r -> r.agentConfig().llmModel()))
                .bind("trunks", column.apply(PhoneNumberRequest.Valid::sipTrunkId))
                .map(row -> row.get("e164", String.class)).all();
    }

    Mono<PhoneNumber> byE164(String e164) {
        return db.sql("SELECT " + COLUMNS + " FROM phone_numbers WHERE e164 = :e164").bind("e164", e164)
                .map(PhoneNumberStore::phoneNumber).one();
    }

    Mono<PhoneNumber> byId(UUID id) {
        return db.sql("SELECT " + COLUMNS + " FROM phone_numbers WHERE id = :id").bind("id", id)
                .map(PhoneNumberStore::phoneNumber).one();
    }

    Mono<Page<PhoneNumber>> list(UUID tenant, UUID campaign, Boolean active, PageRequest page) {
        GenericExecuteSpec query = db.sql("SELECT " + COLUMNS + Pages.TOTAL + " FROM phone_numbers"
                + " WHERE (CAST(:tenant AS uuid) IS NULL OR tenant_id = :tenant)"
                + " AND (CAST(:campaign AS uuid) IS NULL OR campaign_id = :campaign)"
                + " AND (CAST(:active AS boolean) IS NULL OR active = :active)"
                + " ORDER BY e164 LIMIT :size OFFSET :offset");
        query = Sql.bind(query, "tenant", tenant, UUID.class);
        query = Sql.bind(query, "campaign", campaign, UUID.class);
        return Pages.fetch(Sql.bind(query, "active", active, Boolean.class), page, PhoneNumberStore::phoneNumber);
    }

    /** Replaces a number's fields; returns the new row and the E.164 it had before. */
    Mono<Updated> update(UUID id, PhoneNumberRequest.Valid r) {
        GenericExecuteSpec spec = db.sql("""
                WITH old AS (SELECT e164 FROM phone_numbers WHERE id = :id FOR UPDATE)
                UPDATE phone_numbers p SET e164 = :e164, tenant_id = :tenant, campaign_id = :campaign,
                       provider = :provider, provider_sid = :sid, number_type = :type, active = :active,
                       stt_provider = :stt, stt_model = :sttm, tts_provider = :tts, tts_model = :ttsm, tts_voice = :voice,
                       llm_provider = :llm, llm_model = :llmm, sip_trunk_id = :trunk, updated_at = now()
                  FROM old WHERE p.id = :id
                RETURNING p.*, old.e164 AS old_e164""")
                .bind("id", id).bind("e164", r.e164()).bind("tenant", r.tenantId()).bind("provider", r.provider())
                .bind("type", r.numberType()).bind("active", r.active());
        spec = Sql.bind(spec, "campaign", r.campaignId(), UUID.class);
        spec = Sql.bind(spec, "sid", r.providerSid(), String.class);
        AgentSettings c = r.agentConfig();
        spec = Sql.bind(spec, "stt", c.sttProvider(), String.class);
        spec = Sql.bind(spec, "sttm", c.sttModel(), String.class);
        spec = Sql.bind(spec, "tts", c.ttsProvider(), String.class);
        spec = Sql.bind(spec, "ttsm", c.ttsModel(), String.class);
        spec = Sql.bind(spec, "voice", c.ttsVoice(), String.class);
        spec = Sql.bind(spec, "llm", c.llmProvider(), String.class);
        spec = Sql.bind(spec, "llmm", c.llmModel(), String.class);
        spec = Sql.bind(spec, "trunk", r.sipTrunkId(), UUID.class);
        return spec.map(row -> new Updated(phoneNumber(row), row.get("old_e164", String.class))).one();
    }

    record Updated(PhoneNumber number, String previousE164) {
    }

    /** Deletes a number; returns its E.164 if it existed. */
    Mono<String> delete(UUID id) {
        return db.sql("DELETE FROM phone_numbers WHERE id = :id RETURNING e164").bind("id", id)
                .map(row -> row.get("e164", String.class)).one();
    }

    static PhoneNumber phoneNumber(Readable row) {
        AgentSettings config = new AgentSettings(row.get("stt_provider", String.class), row.get("stt_model", String.class),
                row.get("tts_provider", String.class), row.get("tts_model", String.class),
                row.get("tts_voice", String.class), row.get("llm_provider", String.class),
                row.get("llm_model", String.class));
        return new PhoneNumber(row.get("id", UUID.class), row.get("e164", String.class),
                row.get("tenant_id", UUID.class), row.get("campaign_id", UUID.class), row.get("provider", String.class),
                row.get("provider_sid", String.class), row.get("number_type", String.class), Sql.flag(row, "active"),
                Optional.of(config).filter(c -> !c.isEmpty()).orElse(null), row.get("sip_trunk_id", UUID.class),
                Sql.instant(row, "created_at"), Sql.instant(row, "updated_at"));
    }
}
