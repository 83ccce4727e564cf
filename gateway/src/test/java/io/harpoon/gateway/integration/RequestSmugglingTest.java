package io.harpoon.gateway.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.harpoon.gateway.testing.GatewayExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

/**
 * Malformed and ambiguous requests written as raw bytes: each must get {@code 400} and a closed connection, and
 * nothing smuggled behind it may reach the ExApp.
 */
class RequestSmugglingTest {
    @RegisterExtension
    static final GatewayExtension GW = new GatewayExtension();
    private static final String P = "POST /exapps/echoapp/public/x HTTP/1.1\r\nHost: x\r\n";
    private static final String SMUGGLED = "GET /exapps/echoapp/public/smuggled HTTP/1.1\r\nHost: x\r\n\r\n";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("request line too long", "GET /exapps/echoapp/public/" + "a".repeat(9000)
                        + " HTTP/1.1\r\nHost: x\r\n\r\n"),
                Arguments.of("header section too long", "GET /exapps/echoapp/public/x HTTP/1.1\r\nHost: x\r\n"
                        + "X-Big: " + "b".repeat(40000) + "\r\n\r\n"),
                Arguments.of("CL and TE", P + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                        + SMUGGLED),
                Arguments.of("TE and CL", P + "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n"
                        + SMUGGLED),
                Arguments.of("duplicate CL, same value", P + "Content-Length: 3\r\nContent-Length: 3\r\n\r\nabc"),
                Arguments.of("duplicate CL, different", P + "Content-Length: 3\r\nContent-Length: 40\r\n\r\nabc"
                        + SMUGGLED),
                Arguments.of("CL list", P + "Content-Length: 3, 3\r\n\r\nabc"),
                Arguments.of("negative CL", P + "Content-Length: -1\r\n\r\n"),
                Arguments.of("obs-fold", "GET /exapps/echoapp/public/x HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n"
                        + " folded\r\n\r\n"),
                Arguments.of("obs-fold of TE", P + "Transfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n"),
                Arguments.of("space before colon", P + "Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n" + SMUGGLED),
                Arguments.of("TE not chunked", P + "Transfer-Encoding: identity\r\n\r\n" + SMUGGLED),
                Arguments.of("TE chunked twice", P + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked"
                        + "\r\n\r\n0\r\n\r\n"),
                Arguments.of("TE xchunked", P + "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n"),
                Arguments.of("invalid chunk size", P + "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"),
                Arguments.of("chunk size overflow", P + "Transfer-Encoding: chunked\r\n\r\n"
                        + "ffffffffffffffffff\r\nabc\r\n0\r\n\r\n"),
                Arguments.of("negative chunk size", P + "Transfer-Encoding: chunked\r\n\r\n-1\r\nabc\r\n0\r\n\r\n"),
                Arguments.of("chunk without CRLF", P + "Transfer-Encoding: chunked\r\n\r\n3\r\nabcX0\r\n\r\n"),
                Arguments.of("bare LF", "GET /exapps/echoapp/public/x HTTP/1.1\nHost: x\n\n"),
                Arguments.of("header without colon", "GET /exapps/echoapp/public/x HTTP/1.1\r\nHost x\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answers400AndCloses(String name, String request) throws Exception {
        int before = GW.exApp().requests();
        GatewayExtension.RawResponse r = GW.raw(request);
        assertEquals("HTTP/1.1 400 Bad Request", r.statusLine(), name + ": " + r.text());
        assertTrue(r.closed(), name + ": connection must be closed");
        assertEquals(1, r.responses(), name + ": exactly one response: " + r.text());
        assertTrue(r.text().endsWith("400 Bad Request"), r.text());
        if (!name.startsWith("invalid chunk") && !name.startsWith("chunk") && !name.startsWith("negative chunk")) {
            assertEquals(before, GW.exApp().requests(), name + ": nothing reached the ExApp");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void validFramingIsForwarded(String name, String request) throws Exception {
        GatewayExtension.RawResponse r = GW.raw(request);
        assertEquals("HTTP/1.1 200 OK", r.statusLine(), name + ": " + r.text());
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("chunked with extension", P + "Transfer-Encoding: chunked\r\n"
                        + "Connection: close\r\n\r\n3;ext=1\r\nabc\r\n0\r\n\r\n"),
                Arguments.of("content-length", P + "Content-Length: 3\r\nConnection: close\r\n\r\nabc"),
                Arguments.of("leading empty line", "\r\nGET /exapps/echoapp/public/x HTTP/1.1\r\nHost: x\r\n"
                        + "Connection: close\r\n\r\n"));
    }
}
