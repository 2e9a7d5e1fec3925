package io.switchboard.stack;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * local-stack by role: the stack's parts ({@code stack}), the operator tools ({@code ops}), the command line
 * ({@code cli}), the test fixtures ({@code testing}) and the fake LiveKit API ({@code livekit}: the tests' fixture
 * and {@code run --livekit-stand-in}'s stand-in). The parts know none of the others; the tools know no fixture;
 * nothing but the fixtures' launcher reaches the command line; the fake LiveKit knows nothing else here.
 */
class ModuleStructureUnitTests {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.switchboard.stack");

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.switchboard.stack.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void thePartsKnowNeitherToolsNorFixturesNorTheCommandLine() {
        noClasses().that().resideInAPackage("io.switchboard.stack")
                .should().dependOnClassesThat().resideInAnyPackage("..stack.ops..", "..stack.cli..", "..stack.testing..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("..stack.ops..")
                .should().dependOnClassesThat().resideInAnyPackage("..stack.cli..", "..stack.testing..").check(CLASSES);
        noClasses().that().resideInAPackage("..stack.livekit..").should().dependOnClassesThat()
                .resideInAnyPackage("io.switchboard.stack", "..stack.ops..", "..stack.cli..", "..stack.testing..")
                .check(CLASSES);
    }
}
