package io.harpoon.tunnel.crypto;

import static io.harpoon.tunnel.testutil.Hex.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Hashes and keys of spec/frp-wire.md §15. */
class FrpAuthTest {

    @Test
    void privilegeKeyWithToken() {
        // md5("123456781700000000")
        assertEquals("3d8aac6cc09d79da303be74c311e5808", FrpAuth.privilegeKey("12345678", 1700000000L));
    }

    @Test
    void privilegeKeyHarpEmptyToken() {
        // md5("1700000000")
        assertEquals("24920decf83f6960b80f737a28eeafc1", FrpAuth.privilegeKey("", 1700000000L));
        assertTrue(FrpAuth.verifyPrivilegeKey("", 1700000000L, "24920decf83f6960b80f737a28eeafc1"));
        assertFalse(FrpAuth.verifyPrivilegeKey("", 1700000001L, "24920decf83f6960b80f737a28eeafc1"));
        assertFalse(FrpAuth.verifyPrivilegeKey("", 1700000000L, null));
    }

    @Test
    void pbkdf2KeyWithToken() {
        assertEquals("b7eac3f66310824c114f56f8274fdfea", hex(FrpAuth.aesKey("12345678")));
    }

    @Test
    void pbkdf2KeyHarpEmptyToken() {
        assertEquals("cdc9dc4c472c37331281df4c232a8407", hex(FrpAuth.aesKey("")));
    }
}
