package io.harpoon.exapp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package arrows of the ExApp: HTTP on top, then contract and vectors, compute at the bottom. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.harpoon.exapp");

    @Test
    void computeKnowsNothingAbove() {
        noClasses().that().resideInAPackage("io.harpoon.exapp.compute..")
                .should().dependOnClassesThat().resideInAnyPackage("io.harpoon.exapp.vectors..",
                        "io.harpoon.exapp.contract..", "io.netty..", "com.fasterxml..")
                .check(CLASSES);
    }

    @Test
    void vectorsAndContractAreNettyFree() {
        noClasses().that().resideInAnyPackage("io.harpoon.exapp.vectors..", "io.harpoon.exapp.contract..")
                .should().dependOnClassesThat().resideInAPackage("io.netty..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("io.harpoon.exapp.vectors..")
                .should().dependOnClassesThat().resideInAPackage("io.harpoon.exapp.contract..")
                .check(CLASSES);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.harpoon.exapp.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
