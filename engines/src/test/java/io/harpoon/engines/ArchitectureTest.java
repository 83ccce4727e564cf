package io.harpoon.engines;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Layers of the engines module: transport knows bytes, registry knows engines, exapp knows AppAPI's actions. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.harpoon.engines");

    @Test
    void transportDependsOnNothingAboveIt() {
        noClasses().that().resideInAPackage("io.harpoon.engines.transport..")
                .should().dependOnClassesThat().resideInAnyPackage("io.harpoon.engines.registry..",
                        "io.harpoon.engines.exapp..")
                .check(CLASSES);
    }

    @Test
    void registryNeverCallsActionsAndActionsNeverTouchNetty() {
        noClasses().that().resideInAPackage("io.harpoon.engines.registry..")
                .should().dependOnClassesThat().resideInAPackage("io.harpoon.engines.exapp..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("io.harpoon.engines.exapp..")
                .should().dependOnClassesThat().resideInAPackage("io.netty..")
                .check(CLASSES);
    }

    @Test
    void noCycles() {
        slices().matching("io.harpoon.engines.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
