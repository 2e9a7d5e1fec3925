package io.switchboard.livekit;

import java.util.List;
import livekit.LivekitSip.SIPInboundTrunkInfo;

/**
 * Who may send calls to Switchboard's managed inbound trunks: the carriers' addresses (IPs or CIDR ranges) and/or a
 * SIP digest login. {@link #OPEN} accepts an INVITE for a listed number from anywhere: fine behind a firewall that
 * only lets the carriers reach LiveKit's SIP port, not otherwise.
 */
public record TrunkAccess(List<String> allowedAddresses, String authUsername, String authPassword) {
    public static final TrunkAccess OPEN = new TrunkAccess(List.of(), "", "");

    public TrunkAccess {
        allowedAddresses = allowedAddresses == null ? List.of()
                : allowedAddresses.stream().map(String::trim).filter(a -> !a.isEmpty()).sorted().toList();
        authUsername = authUsername == null ? "" : authUsername;
        authPassword = authPassword == null ? "" : authPassword;
    }

    /** LiveKit may not list a trunk's password: it is compared only when listed. */
    boolean matches(SIPInboundTrunkInfo trunk) {
        return trunk.getAllowedAddressesList().stream().sorted().toList().equals(allowedAddresses)
                && trunk.getAuthUsername().equals(authUsername)
                && (trunk.getAuthPassword().isEmpty() || trunk.getAuthPassword().equals(authPassword));
    }
}
