package io.harpoon.tunnel.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pins every type byte of spec/frp-wire.md §6.3 and checks the catalogue is complete and free of duplicates. */
class FrpMessageTypeTest {

    @Test
    void typeBytesArePinned() {
        Map<FrpMessageType, Character> expected = new LinkedHashMap<>();
        expected.put(FrpMessageType.LOGIN, 'o');
        expected.put(FrpMessageType.LOGIN_RESP, '1');
        expected.put(FrpMessageType.NEW_PROXY, 'p');
        expected.put(FrpMessageType.NEW_PROXY_RESP, '2');
        expected.put(FrpMessageType.CLOSE_PROXY, 'c');
        expected.put(FrpMessageType.NEW_WORK_CONN, 'w');
        expected.put(FrpMessageType.REQ_WORK_CONN, 'r');
        expected.put(FrpMessageType.START_WORK_CONN, 's');
        expected.put(FrpMessageType.NEW_VISITOR_CONN, 'v');
        expected.put(FrpMessageType.NEW_VISITOR_CONN_RESP, '3');
        expected.put(FrpMessageType.PING, 'h');
        expected.put(FrpMessageType.PONG, '4');
        expected.put(FrpMessageType.UDP_PACKET, 'u');
        expected.put(FrpMessageType.NAT_HOLE_VISITOR, 'i');
        expected.put(FrpMessageType.NAT_HOLE_CLIENT, 'n');
        expected.put(FrpMessageType.NAT_HOLE_RESP, 'm');
        expected.put(FrpMessageType.NAT_HOLE_SID, '5');
        expected.put(FrpMessageType.NAT_HOLE_REPORT, '6');
        assertEquals(18, FrpMessageType.values().length, "catalogue size");
        expected.forEach((t, c) -> {
            assertEquals((byte) (char) c, t.code(), t.name());
            assertEquals(t, FrpMessageType.of((byte) (char) c));
        });
    }

    @Test
    void unknownBytesMapToNull() {
        int known = 0;
        for (int b = 0; b < 256; b++) {
            if (FrpMessageType.of((byte) b) != null) {
                known++;
            }
        }
        assertEquals(FrpMessageType.values().length, known, "no duplicates, no extras");
        assertNull(FrpMessageType.of((byte) 'F'));
    }
}
