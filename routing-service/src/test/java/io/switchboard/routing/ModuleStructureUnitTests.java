package io.switchboard.routing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * routing-service's shape: one package per feature (agent, tenant, campaign, number, apikey, trunk, slot), each a controller over
 * a store of its table; {@code publication} (the outbox and its relay) and {@code support} serve them all and know
 * none of them. A feature reaches another only through that one's store.
 */
class ModuleStructureUnitTests {
    private static final String ROOT = "io.switchboard.routing.";
    private static final List<String> FEATURES = List.of("agent", "tenant", "campaign", "number", "apikey", "trunk", "slot");
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.switchboard.routing");

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.switchboard.routing.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void publicationAndSupportKnowNoFeature() {
        noClasses().that().resideInAnyPackage(ROOT + "publication", ROOT + "support")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES.stream().map(f -> ROOT + f)
                        .toArray(String[]::new)).check(CLASSES);
    }

    @Test
    void aFeatureReachesAnotherOnlyThroughItsStore() {
        for (String feature : FEATURES) {
            DescribedPredicate<JavaClass> anotherFeaturesInsides = DescribedPredicate.describe(
                    "another feature's classes other than its store", c -> !c.getSimpleName().endsWith("Store")
                            && FEATURES.stream().anyMatch(f -> !f.equals(feature) && c.getPackageName().equals(ROOT + f)));
            noClasses().that().resideInAPackage(ROOT + feature)
                    .should().dependOnClassesThat(anotherFeaturesInsides).check(CLASSES);
        }
    }
}
