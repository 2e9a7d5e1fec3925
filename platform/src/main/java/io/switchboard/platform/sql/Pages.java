package io.switchboard.platform.sql;

import io.r2dbc.spi.Readable;
import java.util.function.Function;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import reactor.core.publisher.Mono;

/** Runs a page query whose select list ends with {@code count(*) OVER () AS total}. */
public final class Pages {
    public static final String TOTAL = ", count(*) OVER () AS total";

    private Pages() {
    }

    public static <T> Mono<Page<T>> fetch(GenericExecuteSpec query, PageRequest request, Function<Readable, T> mapper) {
        return query.bind("size", request.size()).bind("offset", request.offset())
                .map(row -> new Counted<>(mapper.apply(row), row.get("total", Long.class))).all().collectList()
                .map(rows -> new Page<>(rows.stream().map(Counted::item).toList(), request.page(), request.size(),
                        rows.isEmpty() ? 0 : rows.getFirst().total()));
    }

    private record Counted<T>(T item, long total) {
    }
}
