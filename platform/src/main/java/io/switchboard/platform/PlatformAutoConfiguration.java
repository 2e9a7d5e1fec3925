package io.switchboard.platform;

import io.switchboard.platform.access.AccessConfiguration;
import io.switchboard.platform.web.ApiErrorHandler;
import io.switchboard.platform.web.IdleConnections;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;

/** What every Switchboard service gets by having the platform on its classpath. */
@AutoConfiguration
@Import({ApiErrorHandler.class, AccessConfiguration.class, IdleConnections.class})
public class PlatformAutoConfiguration {
}
