package io.harpoon.tunnel.wire;

import static io.harpoon.tunnel.testutil.Hex.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.harpoon.tunnel.testutil.Split;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input yields exactly one typed failure (never an exception), at every split. */
class FrpFrameDecoderFailureTest {

    static FrpDecodeFailure.Reason failure(byte[] wire) {
        FrpDecodeFailure.Reason reason = null;
        for (int at = 0; at <= wire.length; at++) {
            List<Object> out = Split.feed(FrpFrameDecoder::new, wire, at);
            assertEquals(1, out.size(), "split at " + at + ": " + out);
            FrpDecodeFailure f = (FrpDecodeFailure) out.get(0);
            if (reason != null) {
                assertEquals(reason, f.reason(), "split at " + at);
            }
            reason = f.reason();
        }
        return reason;
    }

    @Test
    void unknownTypeByte() {
        assertEquals(FrpDecodeFailure.Reason.UNKNOWN_TYPE, failure(bytes("7a 0000000000000002 7b7d")));
    }

    @Test
    void wireV2Magic() {
        assertEquals(FrpDecodeFailure.Reason.WIRE_V2, failure(bytes("46 52 50 00 02 0d 0a")));
    }

    @Test
    void lengthAboveLimit() {
        // 10241 = 0x2801
        assertEquals(FrpDecodeFailure.Reason.LENGTH_TOO_LARGE, failure(bytes("72 0000000000002801 7b7d")));
    }

    @Test
    void negativeLength() {
        assertEquals(FrpDecodeFailure.Reason.NEGATIVE_LENGTH, failure(bytes("72 ffffffffffffffff 7b7d")));
    }

    @Test
    void invalidJson() {
        byte[] wire = bytes("6f 0000000000000005 7b 22 61 22 3a");
        assertEquals(FrpDecodeFailure.Reason.INVALID_JSON, failure(wire));
    }

    @Test
    void jsonOfWrongShape() {
        byte[] j = "[1]".getBytes(StandardCharsets.US_ASCII);
        byte[] wire = new byte[9 + j.length];
        wire[0] = 'o';
        wire[8] = (byte) j.length;
        System.arraycopy(j, 0, wire, 9, j.length);
        assertEquals(FrpDecodeFailure.Reason.INVALID_JSON, failure(wire));
    }

    @Test
    void garbageAfterGoodFrameFailsOnce() {
        byte[] wire = bytes("72 0000000000000002 7b7d 00 01 02 03 04 05 06 07 08 09");
        List<Object> out = Split.feed(FrpFrameDecoder::new, wire, 5);
        assertEquals(2, out.size());
        assertEquals(new FrpMessage.ReqWorkConn(), out.get(0));
        assertEquals(FrpDecodeFailure.Reason.UNKNOWN_TYPE, ((FrpDecodeFailure) out.get(1)).reason());
    }
}
