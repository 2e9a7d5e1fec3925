package io.switchboard.ingress;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The ingress's shape: {@code routing} (the table and the decision), {@code calls} (what a call is, whatever edge
 * reported it), {@code delivery} (making events durable), {@code livekit} (LiveKit's API, which several edges use), {@code callers} (who called before) and
 * one folder per edge under {@code edge}. Edges build on
 * calls and routing and never on each other or on delivery; nothing below depends on an edge.
 */
class ModuleStructureUnitTests {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.switchboard.ingress");

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.switchboard.ingress.(**)").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void edgesDependOnCallsAndRoutingNeverOnEachOther() {
        slices().matching("io.switchboard.ingress.edge.(*)..").should().notDependOnEachOther().check(CLASSES);
        noClasses().that().resideInAPackage("..ingress.edge..")
                .should().dependOnClassesThat().resideInAPackage("..ingress.delivery..").check(CLASSES);
    }

    @Test
    void theLayersBelowTheEdgesKnowNothingAboveThem() {
        noClasses().that().resideInAnyPackage("..ingress.calls..", "..ingress.routing..", "..ingress.delivery..",
                        "..ingress.livekit..", "..ingress.callers..")
                .should().dependOnClassesThat().resideInAPackage("..ingress.edge..").check(CLASSES);
        noClasses().that().resideInAnyPackage("..ingress.routing..", "..ingress.delivery..", "..ingress.callers..")
                .should().dependOnClassesThat().resideInAPackage("..ingress.calls..").check(CLASSES);
        noClasses().that().resideInAPackage("..ingress.delivery..")
                .should().dependOnClassesThat().resideInAPackage("..ingress.routing..").check(CLASSES);
    }
}
