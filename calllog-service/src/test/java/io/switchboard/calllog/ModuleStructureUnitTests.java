package io.switchboard.calllog;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * calllog-service's shape: {@code consumer} reads the call topics and hands events to {@code records}, which writes
 * the rows; {@code api} reads them. The read API and the writer know nothing of Kafka's side.
 */
class ModuleStructureUnitTests {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.switchboard.calllog");

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.switchboard.calllog.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void onlyTheConsumerKnowsKafka() {
        noClasses().that().resideInAnyPackage("..calllog.api..", "..calllog.records..")
                .should().dependOnClassesThat().resideInAnyPackage("..calllog.consumer..", "org.apache.kafka..",
                        "org.springframework.kafka..").check(CLASSES);
        noClasses().that().resideInAPackage("..calllog.api..")
                .should().dependOnClassesThat().resideInAPackage("..calllog.records..").check(CLASSES);
    }
}
