package io.switchboard.platform.sql;

import io.switchboard.platform.web.ApiException;

/** {@code ?page=&size=}: page from 0, size 1–500 (default 50), at most 100,000 rows deep. */
public record PageRequest(int page, int size) {
    public static final int MAX_SIZE = 500;
    /** Deeper pages make the database read and skip every row before them: narrow the filters instead. */
    public static final long MAX_OFFSET = 100_000;

    public static PageRequest of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? 50 : size;
        if (p < 0) {
            throw ApiException.invalidField("page", "must be 0 or more");
        }
        if (s < 1 || s > MAX_SIZE) {
            throw ApiException.invalidField("size", "must be between 1 and " + MAX_SIZE);
        }
        if ((long) p * s > MAX_OFFSET) {
            throw ApiException.invalidField("page", "reaches past row " + MAX_OFFSET + "; narrow the filters (e.g. from/to)");
        }
        return new PageRequest(p, s);
    }

    public long offset() {
        return (long) page * size;
    }
}
