package io.harpoon.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The gateway's layering (architecture guide §2), checked rather than reviewed. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.harpoon.gateway");

    @Test
    void decisionLogicNeverSeesNetty() {
        noClasses().that().resideInAnyPackage("io.harpoon.gateway.config..", "io.harpoon.gateway.exapp..",
                        "io.harpoon.gateway.security..", "io.harpoon.gateway.routing..", "io.harpoon.gateway.upstream..")
                .should().dependOnClassesThat().resideInAPackage("io.netty..")
                .check(CLASSES);
    }

    @Test
    void httpInternalsArePackagePrivateAndFinalExceptTheServer() {
        classes().that().resideInAPackage("io.harpoon.gateway.http..").and().areTopLevelClasses()
                .and().doNotHaveSimpleName("GatewayServer").and().doNotHaveSimpleName("package-info")
                .should().notBePublic()
                .check(CLASSES);
        classes().that().resideInAPackage("io.harpoon.gateway.http..").and().areTopLevelClasses()
                .and().areNotInterfaces().and().areNotEnums().and().doNotHaveSimpleName("package-info")
                .should().haveModifier(JavaModifier.FINAL)
                .check(CLASSES);
    }

    @Test
    void onlyTheCompositionRootAndHttpAndAdminTouchNetty() {
        noClasses().that().resideInAnyPackage("io.harpoon.gateway.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.netty..")
                .check(CLASSES);
    }

    @Test
    void relayPathNeverAggregatesBodies() {
        noClasses().that().resideInAPackage("io.harpoon.gateway.http..")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.netty.handler.codec.http.HttpObjectAggregator")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.netty.handler.codec.http.FullHttpRequest")
                .check(CLASSES);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.harpoon.gateway.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
