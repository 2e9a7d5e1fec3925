package io.switchboard.platform;

import io.switchboard.platform.access.AccessConfiguration;
import io.switchboard.platform.web.ApiErrorHandler;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;

/** What every Switchboard service gets by having the platform on its classpath. */
@AutoConfiguration
@Import({ApiErrorHandler.class, AccessConfiguration.class})
public class PlatformAutoConfiguration {
}
