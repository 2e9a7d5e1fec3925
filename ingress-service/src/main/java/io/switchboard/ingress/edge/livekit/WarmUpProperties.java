package io.switchboard.ingress.edge.livekit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param iterations answers computed in-process before readiness turns UP (0: none); enough for the JIT to compile the
 *                   answer path (its C2 thresholds are some ten thousand calls of a method)
 * @param exit       a training run: exit once warmed up, so that the JVM writes what it learnt (JDK 25's
 *                   {@code -XX:AOTCacheOutput}: loaded classes and method profiles) for the next start
 */
@ConfigurationProperties("switchboard.ingress.warm-up")
record WarmUpProperties(@DefaultValue("10000") int iterations, boolean exit) {
}
