package io.harpoon.kernels;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The kernels module's layering, checked rather than reviewed (architecture guide, sections 2 and 5). */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.harpoon.kernels");

    @Test
    void apiDependsOnNoOtherKernelsPackage() {
        noClasses().that().resideInAPackage("io.harpoon.kernels.api..")
                .should().dependOnClassesThat().resideInAnyPackage("io.harpoon.kernels.reference..",
                        "io.harpoon.kernels.jdk..", "io.harpoon.kernels.aparapi..", "io.harpoon.kernels.tornado..",
                        "io.harpoon.kernels.cuda..", "io.harpoon.kernels.select..", "io.harpoon.kernels.bench..",
                        "io.harpoon.kernels.cli..")
                .check(CLASSES);
    }

    @Test
    void referenceIsPlainJavaAndKnowsNoBackend() {
        noClasses().that().resideInAPackage("io.harpoon.kernels.reference..")
                .should().dependOnClassesThat().resideInAnyPackage("io.harpoon.kernels.jdk..",
                        "io.harpoon.kernels.aparapi..", "io.harpoon.kernels.tornado..", "io.harpoon.kernels.cuda..",
                        "io.harpoon.kernels.select..", "javax.crypto..", "com.aparapi..", "org.jocl..", "jcuda..",
                        "uk.ac.manchester..")
                .check(CLASSES);
    }

    @Test
    void backendsAreThinAdaptersThatDoNotKnowEachOther() {
        String[] backends = {"jdk", "aparapi", "tornado", "cuda"};
        for (String b : backends) {
            for (String other : backends) {
                if (!b.equals(other)) {
                    noClasses().that().resideInAPackage("io.harpoon.kernels." + b + "..")
                            .should().dependOnClassesThat().resideInAPackage("io.harpoon.kernels." + other + "..")
                            .allowEmptyShould(true)
                            .check(CLASSES);
                }
            }
        }
    }

    @Test
    void optionalBackendsAreReachedOnlyByNameSoMissingLibrariesCannotBreakLinking() {
        noClasses().that().resideOutsideOfPackages("io.harpoon.kernels.aparapi..", "io.harpoon.kernels.tornado..",
                        "io.harpoon.kernels.cuda..")
                .should().dependOnClassesThat().resideInAnyPackage("io.harpoon.kernels.aparapi..",
                        "io.harpoon.kernels.tornado..", "io.harpoon.kernels.cuda..", "com.aparapi..", "org.jocl..",
                        "jcuda..", "uk.ac.manchester..")
                .check(CLASSES);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.harpoon.kernels.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
