package io.switchboard.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.stack.Ports;
import io.switchboard.stack.ServiceProcess;
import io.switchboard.stack.cli.CommandLines;
import io.switchboard.stack.testing.DeploymentFiles;
import io.switchboard.stack.testing.Launcher;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./switchboard run} as a newcomer runs it: the whole pipeline, the three services included, then Ctrl-C.
 * Nothing it started outlives it. This test lives in the module built last because it runs the services' jars.
 * While it runs, a call goes through it, and every metric the Grafana dashboard and the alert rules read
 * (deploy/) must be on some service's {@code /actuator/prometheus}.
 */
class LauncherWithServicesIntegrationTests {
    private static final Map<String, String> SERVICES = Map.of("ingress-service", "--ingress-port",
            "routing-service", "--routing-port", "calllog-service", "--calllog-port");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @TempDir
    Path logs;

    @Test
    void ctrlCStopsTheThreeServicesAndEverythingElseTheLauncherStarted() throws Exception {
        // closing stops the launcher and whatever it started, should an assertion fail half-way
        try (Launcher launcher = Launcher.start(dataDir, logs.resolve("launcher.log"))) {
            await().atMost(Duration.ofMinutes(6)).until(launcher::startedOrExited);
            assertThat(launcher.isAlive()).as(launcher.outputTail()).isTrue();
            for (var service : SERVICES.entrySet()) {
                assertThat(launcher.processes()).as(service.getKey() + "'s process")
                        .anyMatch(p -> p.info().commandLine().orElse("").contains(service.getKey() + ".jar"));
                assertThat(readiness(launcher.port(service.getValue()))).as(service.getKey()).isEqualTo(200);
            }
            assertThat(simulateCall(launcher)).as("simulate-call's exit code").isZero();
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(exported(launcher))
                    .as("metrics exported by the three services").containsAll(DeploymentFiles.metricsRead()));

            List<Integer> ports = List.of("--kafka-port", "--registry-port", "--postgres-port", "--ingress-port",
                    "--routing-port", "--calllog-port").stream().map(launcher::port).toList();

            assertThat(launcher.ignoresSigint()).as("SIGINT reaches the launcher as Ctrl-C sends it").isFalse();
            launcher.interrupt();

            await().atMost(Duration.ofMinutes(2)).until(() -> !launcher.isAlive());
            assertThat(launcher.outputTail()).contains("stopped");
            assertThat(launcher.processes()).as("processes left behind").isEmpty();
            assertThat(ports).as("ports still open").noneMatch(LauncherWithServicesIntegrationTests::accepts);
        }
    }

    private static int simulateCall(Launcher launcher) {
        return CommandLines.execute(new SimulateCall(), "--routing", url(launcher, "--routing-port"),
                "--ingress", url(launcher, "--ingress-port"), "--calllog", url(launcher, "--calllog-port"),
                "--admin-token", ServiceProcess.adminToken(), "--seconds", "3");
    }

    /** The names of every sample the services expose (with suffixes: _bucket, _total, ...). */
    private static Set<String> exported(Launcher launcher) throws IOException, InterruptedException {
        Set<String> names = new HashSet<>();
        for (String portOption : SERVICES.values()) {
            String body = HTTP.send(HttpRequest.newBuilder(URI.create(url(launcher, portOption) + "/actuator/prometheus"))
                    .header("Authorization", "Bearer " + ServiceProcess.adminToken())
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
            body.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                    .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
        }
        return names;
    }

    private static String url(Launcher launcher, String portOption) {
        return "http://127.0.0.1:" + launcher.port(portOption);
    }

    private static int readiness(int port) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static boolean accepts(int port) {
        try (Socket ignored = new Socket(Ports.LOOPBACK, port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
