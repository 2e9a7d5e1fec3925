package io.switchboard.calllog.api;

import io.switchboard.events.AsyncApi;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/asyncapi.json}: every topic, for analytics consumers, as an AsyncAPI 3 document generated from the
 * topic catalogue and the schemas this service was built with (the repository's {@code docs/asyncapi.json}).
 */
@RestController
class TopicsDocument {
    private final String document = AsyncApi.document();

    @GetMapping(path = "/api/v1/asyncapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    String asyncApi() {
        return document;
    }
}
