package io.switchboard.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.events.EventSerdes;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** The few calls of the Confluent Schema Registry REST API that provisioning, tail and their tests need. */
public final class RegistryClient {
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public RegistryClient(String registryBaseUrl) {
        String base = registryBaseUrl.endsWith("/") ? registryBaseUrl.substring(0, registryBaseUrl.length() - 1)
                : registryBaseUrl;
        this.api = base + EventSerdes.CCOMPAT_PATH;
    }

    boolean isUp() throws IOException, InterruptedException {
        return send(get("/subjects")).statusCode() == 200;
    }

    /** Registers a schema under a subject (or finds it) and returns its id. */
    int register(String subject, String schema) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("schemaType", "AVRO", "schema", schema));
        HttpResponse<String> response = send(request("/subjects/" + encode(subject) + "/versions")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        return expect(response, subject).get("id").asInt();
    }

    /** Sets the subject's compatibility level (Apicurio reports NONE for a subject without one). */
    void setCompatibility(String subject, String level) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("compatibility", level));
        expect(send(request("/config/" + encode(subject)).PUT(HttpRequest.BodyPublishers.ofString(body)).build()),
                subject);
    }

    String compatibility(String subject) throws IOException, InterruptedException {
        JsonNode config = expect(send(get("/config/" + encode(subject))), subject);
        return config.path("compatibilityLevel").asText(config.path("compatibility").asText());
    }

    /** The schema text for an id, exactly as a Confluent deserializer fetches it. */
    public String schemaById(int id) throws IOException, InterruptedException {
        return expect(send(get("/schemas/ids/" + id)), "schema id " + id).get("schema").asText();
    }

    int latestId(String subject) throws IOException, InterruptedException {
        return expect(send(get("/subjects/" + encode(subject) + "/versions/latest")), subject).get("id").asInt();
    }

    /** Tests compatibility without registering: true when the registry would accept the schema. */
    boolean isCompatible(String subject, String schema) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("schemaType", "AVRO", "schema", schema));
        HttpResponse<String> response = send(request("/compatibility/subjects/" + encode(subject)
                + "/versions/latest").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        return expect(response, subject).get("is_compatible").asBoolean();
    }

    private HttpRequest get(String path) {
        return request(path).GET().build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", CONTENT_TYPE).header("Accept", CONTENT_TYPE + ", application/json");
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode expect(HttpResponse<String> response, String what) throws IOException {
        if (response.statusCode() / 100 != 2) {
            throw new IOException("registry answered " + response.statusCode() + " for " + what + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }
}
