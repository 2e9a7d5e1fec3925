package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Guards the committed schema history in {@code schemas/history/<Record>/vN.avsc}: the schema the
 * build generates must read data written with every committed version (BACKWARD, transitively),
 * may only add fields, and must itself be committed as the latest version. A change to a value
 * schema therefore ships with a new history file, and an incompatible change fails the build.
 */
class SchemaHistoryUnitTests {

    static Stream<Topic<?>> topics() {
        return Topics.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void currentSchemaReadsDataOfEveryCommittedVersion(Topic<?> topic) throws IOException {
        Schema current = topic.valueSchema();
        for (Path version : history(topic)) {
            var result = SchemaCompatibility.checkReaderWriterCompatibility(current, parse(version));
            assertThat(result.getType())
                    .as("%s is not BACKWARD compatible with %s: %s", topic.valueSubject(), version,
                            result.getResult().getIncompatibilities())
                    .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void currentSchemaKeepsEveryFieldItEverHad(Topic<?> topic) throws IOException {
        Schema current = topic.valueSchema();
        for (Path version : history(topic)) {
            for (Schema.Field old : parse(version).getFields()) {
                assertThat(current.getField(old.name()))
                        .as("%s drops field '%s' of %s: schemas change only additively", topic.valueSubject(),
                                old.name(), version)
                        .isNotNull();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void currentSchemaIsCommittedAsTheLatestVersion(Topic<?> topic) throws IOException {
        List<Path> versions = history(topic);
        Schema current = topic.valueSchema();
        if (versions.isEmpty() || !parse(versions.getLast()).equals(current)) {
            fail("""
                    %s changed: commit it as %s/v%d.avsc (after checking the other tests here pass):
                    %s""".formatted(topic.valueSubject(), historyDir(topic), versions.size() + 1,
                    current.toString(true)));
        }
    }

    static List<Path> history(Topic<?> topic) throws IOException {
        Path dir = historyDir(topic);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("v\\d+\\.avsc"))
                    .sorted(Comparator.comparingInt(SchemaHistoryUnitTests::versionNumber))
                    .toList();
        }
    }

    static Path historyDir(Topic<?> topic) {
        return Path.of(System.getProperty("schemas.history", "history"), topic.valueType().getSimpleName());
    }

    private static int versionNumber(Path p) {
        String name = p.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.length() - ".avsc".length()));
    }

    private static Schema parse(Path file) throws IOException {
        return new Schema.Parser().parse(Files.readString(file));
    }
}
