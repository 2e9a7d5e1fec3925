package io.switchboard.ingress;

import io.switchboard.platform.ServiceIntegrationTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/** An ingress on the shared stack, with a spool folder of its own and a second LiveKit key (a rotation under way). */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ServiceIntegrationTest
@TestPropertySource(properties = {"switchboard.ingress.spool-dir=target/spool-${random.uuid}",
        "switchboard.ingress.livekit-keys=" + Livekit.ROTATED_KEY + ": " + Livekit.ROTATED_SECRET})
public @interface IngressTest {
}
