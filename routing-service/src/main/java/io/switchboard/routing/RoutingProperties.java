package io.switchboard.routing;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param systemDefaultAgent the agent when neither campaign nor tenant names one
 * @param defaultRegion      region for numbers written without a country code
 */
@ConfigurationProperties("switchboard.routing")
public record RoutingProperties(@DefaultValue("telephony-agent") String systemDefaultAgent,
                                @DefaultValue("US") String defaultRegion, @DefaultValue Relay relay,
                                @DefaultValue("100000") int bulkMaxRows) {

    /**
     * @param batchSize    outbox rows published per relay transaction
     * @param pollInterval how often the relay looks for work it was not told about (other replicas, restarts)
     * @param sendTimeout  how long a batch may wait for Kafka's acknowledgements before it is retried
     */
    public record Relay(@DefaultValue("1000") int batchSize, @DefaultValue("500ms") Duration pollInterval,
                        @DefaultValue("15s") Duration sendTimeout, @DefaultValue("2s") Duration retryBackoff) {
    }
}
