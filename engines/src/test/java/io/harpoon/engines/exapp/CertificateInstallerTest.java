package io.harpoon.engines.exapp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** os-release → trust-store family (spec §8.5 step 3), including derivatives known only by {@code ID_LIKE}. */
class CertificateInstallerTest {
    @Test
    void osFamilies() {
        assertEquals("debian", CertificateInstaller.family("ID=alpine\n"));
        assertEquals("debian", CertificateInstaller.family("ID=ubuntu\nID_LIKE=debian\n"));
        assertEquals("debian", CertificateInstaller.family("ID=linuxmint\nID_LIKE=\"ubuntu debian\"\n"));
        assertEquals("rhel", CertificateInstaller.family("ID=\"centos\"\n"));
        assertEquals("rhel", CertificateInstaller.family("ID=fedora\n"));
        assertEquals("rhel", CertificateInstaller.family("ID=rocky\nID_LIKE=\"rhel centos fedora\"\n"));
        assertEquals("other", CertificateInstaller.family("ID=arch\n"));
        assertEquals("other", CertificateInstaller.family(""));
    }
}
