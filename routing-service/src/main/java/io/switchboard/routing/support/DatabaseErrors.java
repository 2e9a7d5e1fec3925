package io.switchboard.routing.support;

import io.r2dbc.postgresql.api.ErrorDetails;
import io.r2dbc.postgresql.api.PostgresqlException;
import io.switchboard.platform.web.ApiException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns the database's constraint violations into the API's errors: the constraint, not a prior
 * lookup, decides (no check-then-write races), and the answer names the field at fault.
 */
public final class DatabaseErrors {
    private static final String UNIQUE = "23505";
    private static final String FOREIGN_KEY = "23503";

    /** Constraint name to the error it means; foreign keys referenced *by* others mean "still in use". */
    private static final Map<String, Function<ErrorDetails, ApiException>> BY_CONSTRAINT = Map.ofEntries(
            Map.entry("tenants_name_unique", d -> ApiException.conflict("a tenant with this name already exists")),
            Map.entry("agents_name_unique", d -> ApiException.conflict("an agent with this name already exists")),
            Map.entry("campaigns_tenant_name_unique",
                    d -> ApiException.conflict("the tenant already has a campaign with this name")),
            Map.entry("phone_numbers_e164_unique", d -> ApiException.conflict("this phone number already exists")),
            Map.entry("campaigns_agent_name_fkey", d -> inUseOrUnknown(d, "campaigns", "agent_name")),
            Map.entry("tenants_default_agent_fkey", d -> inUseOrUnknown(d, "tenants", "default_agent")),
            Map.entry("campaigns_tenant_id_fkey", d -> inUseOrUnknown(d, "campaigns", "tenant_id")),
            Map.entry("phone_numbers_tenant_id_fkey", d -> inUseOrUnknown(d, "phone_numbers", "tenant_id")),
            Map.entry("api_keys_tenant_id_fkey", d -> inUseOrUnknown(d, "API keys", "tenant_id")),
            Map.entry("sip_trunks_tenant_name_unique",
                    d -> ApiException.conflict("the tenant already has a SIP trunk with this name")),
            Map.entry("sip_trunks_tenant_id_fkey", d -> inUseOrUnknown(d, "SIP trunks", "tenant_id")),
            Map.entry("campaigns_sip_trunk_fkey", d -> trunkOfTenant(d, "campaigns")),
            Map.entry("phone_numbers_sip_trunk_fkey", d -> trunkOfTenant(d, "phone numbers")),
            Map.entry("phone_numbers_campaign_fkey", d -> !stillReferenced(d)
                    ? new ApiException(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT, "unknown_reference",
                            "field 'campaign_id' refers to no campaign of the number's tenant")
                    : ApiException.conflict("the campaign still has phone numbers")));

    private DatabaseErrors() {
    }

    /** The API error for a constraint violation, or the failure unchanged. */
    public static Throwable translate(Throwable failure) {
        return details(failure)
                .filter(d -> UNIQUE.equals(d.getCode()) || FOREIGN_KEY.equals(d.getCode()))
                .flatMap(d -> d.getConstraintName().map(BY_CONSTRAINT::get).map(f -> (Throwable) f.apply(d)))
                .orElse(failure);
    }

    /** A write that names something unknown, or a delete/rename of something still used by {@code table}. */
    private static ApiException inUseOrUnknown(ErrorDetails d, String table, String field) {
        if (stillReferenced(d)) {
            return ApiException.conflict("it is still used by " + table.replace('_', ' ') + " (" + field + ")");
        }
        return ApiException.unknownReference(field, d.getDetail().map(DatabaseErrors::keyValue).orElse("?"));
    }

    /** A campaign's or number's trunk must be one of its tenant's; a trunk moved to another tenant would orphan them. */
    private static ApiException trunkOfTenant(ErrorDetails d, String table) {
        return stillReferenced(d) ? ApiException.conflict("it is still used by " + table + " of its tenant (sip_trunk_id)")
                : new ApiException(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT, "unknown_reference",
                        "field 'sip_trunk_id' refers to no SIP trunk of the tenant");
    }

    /** PostgreSQL words a violation by the referenced side "update or delete on table …". */
    private static boolean stillReferenced(ErrorDetails d) {
        return d.getMessage().startsWith("update or delete on table");
    }

    /** {@code Key (tenant_id)=(…) is not present in table "tenants".} to the value in the key. */
    private static String keyValue(String detail) {
        int start = detail.indexOf(")=(");
        int end = detail.indexOf(')', start + 3);
        return start < 0 || end < 0 ? "?" : detail.substring(start + 3, end);
    }

    private static Optional<ErrorDetails> details(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PostgresqlException pg) {
                return Optional.of(pg.getErrorDetails());
            }
        }
        return Optional.empty();
    }
}
