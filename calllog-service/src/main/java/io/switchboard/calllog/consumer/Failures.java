package io.switchboard.calllog.consumer;

import io.r2dbc.spi.R2dbcException;
import io.switchboard.platform.kafka.RegistryDeadline;
import java.lang.reflect.Method;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Whose fault a failure is. The record's (its data breaks a database rule: SQLSTATE classes 22 data exception,
 * 23 integrity constraint, 54 program limit): dead-letter it and go on. Ours (the database, the network, the
 * registry being unreachable or answering 5xx): retry, never dead-letter, since the record is fine.
 */
final class Failures {
    private static final Set<String> RECORD_FAULT_CLASSES = Set.of("22", "23", "54");

    private Failures() {
    }

    /** The SQLSTATE when the database refused the data itself; null otherwise. */
    static String recordsFaultSqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof R2dbcException r2dbc && r2dbc.getSqlState() != null
                    && RECORD_FAULT_CLASSES.contains(r2dbc.getSqlState().substring(0, Math.min(2, r2dbc.getSqlState().length())))) {
                return r2dbc.getSqlState();
            }
        }
        return null;
    }

    /** Whether reading a record failed because something it needs (the registry) could not be reached. */
    static boolean unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RegistryDeadline.RegistryUnreachableException || t instanceof ConnectException
                    || t instanceof SocketTimeoutException || t instanceof HttpTimeoutException || t instanceof UnknownHostException || t instanceof TimeoutException
                    || t instanceof java.nio.channels.ClosedChannelException
                    || t.getClass().getSimpleName().contains("Timeout") || serverError(t)) {
                return true;
            }
        }
        return false;
    }

    /** An HTTP client's exception carrying a 5xx or 429 status (Kiota's ApiException, as Apicurio's client throws). */
    private static boolean serverError(Throwable t) {
        try {
            Method status = t.getClass().getMethod("getResponseStatusCode");
            Object code = status.invoke(t);
            return code instanceof Integer c && (c >= 500 || c == 429);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
