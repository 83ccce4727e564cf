package io.harpoon.tunnel.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layering of docs/tunnel.md, checked rather than reviewed. */
class LayeringTest {
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.harpoon.tunnel");

    @Test
    void codecsOpenNoSocketsAndKnowNoRoles() {
        noClasses().that().resideInAnyPackage("..tunnel.wire..", "..tunnel.mux..", "..tunnel.crypto..")
                .should().dependOnClassesThat().resideInAnyPackage("..tunnel.server..", "..tunnel.client..",
                        "io.netty.bootstrap..", "io.netty.channel.nio..", "io.netty.channel.socket.nio..")
                .because("nothing in wire, mux or crypto opens a socket or decides what a message means")
                .check(CLASSES);
        noClasses().that().resideInAnyPackage("..tunnel.wire..", "..tunnel.mux..", "..tunnel.crypto..")
                .should().dependOnClassesThat().belongToAnyOf(java.net.Socket.class, java.net.ServerSocket.class,
                        java.nio.channels.SocketChannel.class, java.nio.channels.ServerSocketChannel.class)
                .check(CLASSES);
    }

    @Test
    void serverAndClientAreIndependent() {
        noClasses().that().resideInAPackage("..tunnel.server..")
                .should().dependOnClassesThat().resideInAPackage("..tunnel.client..").check(CLASSES);
        noClasses().that().resideInAPackage("..tunnel.client..")
                .should().dependOnClassesThat().resideInAPackage("..tunnel.server..").check(CLASSES);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.harpoon.tunnel.(*)..").should().beFreeOfCycles().check(CLASSES);
    }
}
