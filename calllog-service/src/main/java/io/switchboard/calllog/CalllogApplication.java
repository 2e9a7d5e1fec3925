package io.switchboard.calllog;

import io.switchboard.platform.Switchboard;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Writes leads and call logs from the call topics into PostgreSQL. */
@SpringBootApplication
public class CalllogApplication {
    public static void main(String[] args) {
        Switchboard.run(CalllogApplication.class, args);
    }
}
