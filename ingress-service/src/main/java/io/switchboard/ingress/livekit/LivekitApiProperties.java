package io.switchboard.ingress.livekit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * LiveKit's server API, for dispatching the routed agent when a SIP caller joins (signed with the webhook key,
 * {@code switchboard.ingress.livekit-api-key}).
 *
 * @param url              LIVEKIT_URL; blank: no dispatch, the call's events say {@code dispatch: none}
 * @param requestTimeout   one request to LiveKit
 * @param dispatchDeadline all of the dispatch (list, create, retries): past it the call is recorded with
 *                         {@code dispatch: failed}, so a slow LiveKit delays the webhook's answer by at most this
 * @param sipUri           LIVEKIT_SIP_URI: where carriers that bridge calls themselves (Telnyx, SignalWire) send them,
 *                         e.g. {@code sip:<project>.sip.livekit.cloud}, optionally with {@code ;transport=tcp}
 */
@ConfigurationProperties("switchboard.livekit")
public record LivekitApiProperties(String url, @DefaultValue("1s") Duration requestTimeout,
                                   @DefaultValue("3s") Duration dispatchDeadline, String sipUri) {

    /** The host (and port and parameters) of LIVEKIT_SIP_URI; blank when unset. */
    public String sipHost() {
        String uri = sipUri == null ? "" : sipUri.trim();
        return uri.replaceFirst("^sips?:", "").replaceFirst("^[^@]*@", "");
    }

    public boolean enabled() {
        return url != null && !url.isBlank();
    }
}
