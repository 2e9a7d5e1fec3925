package io.switchboard.stack.livekit;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.util.Map;

/**
 * LiveKit's check of a server API request: {@code Authorization: Bearer <JWT>}, HS256 with the secret of the key named
 * by its issuer, not expired; then the grant the method needs.
 */
final class Grants {
    private final Map<String, String> keys;

    Grants(Map<String, String> keys) {
        this.keys = keys;
    }

    DecodedJWT verify(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw TwirpError.unauthenticated("no Bearer token");
        }
        String token = authorization.substring("Bearer ".length());
        try {
            String issuer = JWT.decode(token).getIssuer();
            String secret = issuer == null ? null : keys.get(issuer);
            if (secret == null) {
                throw TwirpError.unauthenticated("unknown API key " + issuer);
            }
            return JWT.require(Algorithm.HMAC256(secret)).withIssuer(issuer).build().verify(token);
        } catch (JWTVerificationException e) {
            throw TwirpError.unauthenticated("invalid token: " + e.getMessage());
        }
    }

    /** The SIP service wants {@code sip.admin}. */
    static void sipAdmin(DecodedJWT jwt) {
        Map<String, Object> sip = jwt.getClaim("sip").asMap();
        if (sip == null || !Boolean.TRUE.equals(sip.get("admin"))) {
            throw TwirpError.denied("SIP admin grant required");
        }
    }

    /** Dialling out (CreateSIPParticipant) wants {@code sip.call}. */
    static void sipCall(DecodedJWT jwt) {
        Map<String, Object> sip = jwt.getClaim("sip").asMap();
        if (sip == null || !Boolean.TRUE.equals(sip.get("call"))) {
            throw TwirpError.denied("SIP call grant required");
        }
    }

    /** Room administration (agent dispatch, rooms) wants {@code video.roomAdmin} for that very room. */
    static void roomAdmin(DecodedJWT jwt, String room) {
        Map<String, Object> video = jwt.getClaim("video").asMap();
        if (video == null || !Boolean.TRUE.equals(video.get("roomAdmin"))) {
            throw TwirpError.denied("roomAdmin grant required");
        }
        Object granted = video.get("room");
        if (granted != null && !"".equals(granted) && !granted.equals(room)) {
            throw TwirpError.denied("token is for room " + granted + ", not " + room);
        }
    }

    /** Creating and listing rooms wants {@code video.roomCreate} / {@code video.roomList}. */
    static void video(DecodedJWT jwt, String grant) {
        Map<String, Object> video = jwt.getClaim("video").asMap();
        if (video == null || !Boolean.TRUE.equals(video.get(grant))) {
            throw TwirpError.denied(grant + " grant required");
        }
    }
}
