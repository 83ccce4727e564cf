package io.harpoon.tunnel.wire;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * One frp v1 message: a record per catalogue entry (spec/frp-wire.md §6.3). Components are declared in Go's struct
 * order because Go's {@code encoding/json} writes fields in that order; {@link FrpJson} drops empty values the way
 * {@code omitempty} does, except {@link Login#clientSpec()}, which Go never omits.
 *
 * <p>Messages Harpoon does not act on (UDP, NAT hole punching) keep their JSON object verbatim, so they decode,
 * re-encode and are ignored without loss.
 */
public sealed interface FrpMessage {

    FrpMessageType type();

    /** {@code o}: first message of a control connection (C→S). */
    record Login(
            @JsonProperty("version") String version,
            @JsonProperty("hostname") String hostname,
            @JsonProperty("os") String os,
            @JsonProperty("arch") String arch,
            @JsonProperty("user") String user,
            @JsonProperty("privilege_key") String privilegeKey,
            @JsonProperty("timestamp") long timestamp,
            @JsonProperty("run_id") String runId,
            @JsonProperty("client_id") String clientId,
            @JsonProperty("metas") Map<String, String> metas,
            @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("client_spec") ClientSpec clientSpec,
            @JsonProperty("pool_count") int poolCount) implements FrpMessage {
        public Login {
            metas = metas == null ? Map.of() : metas;
            clientSpec = clientSpec == null ? ClientSpec.EMPTY : clientSpec;
        }

        @Override
        public FrpMessageType type() {
            return FrpMessageType.LOGIN;
        }

        @Override
        public String toString() {
            // Never print privilege_key or metas (metas.token is HaRP's shared key).
            return "Login[version=" + version + ", hostname=" + hostname + ", os=" + os + ", arch=" + arch
                    + ", user=" + user + ", runId=" + runId + ", poolCount=" + poolCount + "]";
        }
    }

    /** Login's {@code client_spec}: always present on the wire, usually {@code {}}. */
    record ClientSpec(@JsonProperty("type") String type, @JsonProperty("always_auth_pass") boolean alwaysAuthPass) {
        public static final ClientSpec EMPTY = new ClientSpec(null, false);
    }

    /** {@code 1}: reply to Login, always plaintext (S→C). */
    record LoginResp(
            @JsonProperty("version") String version,
            @JsonProperty("run_id") String runId,
            @JsonProperty("error") String error) implements FrpMessage {
        @Override
        public FrpMessageType type() {
            return FrpMessageType.LOGIN_RESP;
        }
    }

    /** {@code p}: register a proxy (C→S, control). Only {@code tcp} is served. */
    record NewProxy(
            @JsonProperty("proxy_name") String proxyName,
            @JsonProperty("proxy_type") String proxyType,
            @JsonProperty("use_encryption") boolean useEncryption,
            @JsonProperty("use_compression") boolean useCompression,
            @JsonProperty("bandwidth_limit") String bandwidthLimit,
            @JsonProperty("bandwidth_limit_mode") String bandwidthLimitMode,
            @JsonProperty("group") String group,
            @JsonProperty("group_key") String groupKey,
            @JsonProperty("metas") Map<String, String> metas,
            @JsonProperty("annotations") Map<String, String> annotations,
            @JsonProperty("remote_port") int remotePort,
            @JsonProperty("custom_domains") List<String> customDomains,
            @JsonProperty("subdomain") String subdomain,
            @JsonProperty("locations") List<String> locations,
            @JsonProperty("http_user") String httpUser,
            @JsonProperty("http_pwd") String httpPwd,
            @JsonProperty("host_header_rewrite") String hostHeaderRewrite,
            @JsonProperty("headers") Map<String, String> headers,
            @JsonProperty("response_headers") Map<String, String> responseHeaders,
            @JsonProperty("route_by_http_user") String routeByHttpUser,
            @JsonProperty("sk") String sk,
            @JsonProperty("multiplexer") String multiplexer,
            @JsonProperty("allow_users") List<String> allowUsers) implements FrpMessage {

        /** A plain tcp proxy, as frpc sends it for {@code type = "tcp"}. */
        public static NewProxy tcp(String name, int remotePort, boolean useEncryption, boolean useCompression) {
            return new NewProxy(name, "tcp", useEncryption, useCompression, null, null, null, null, null, null,
                    remotePort, null, null, null, null, null, null, null, null, null, null, null, null);
        }

        @Override
        public FrpMessageType type() {
            return FrpMessageType.NEW_PROXY;
        }

        @Override
        public String toString() {
            return "NewProxy[name=" + proxyName + ", type=" + proxyType + ", remotePort=" + remotePort
                    + ", encryption=" + useEncryption + ", compression=" + useCompression + "]";
        }
    }

    /** {@code 2}: reply to NewProxy (S→C, control). */
    record NewProxyResp(
            @JsonProperty("proxy_name") String proxyName,
            @JsonProperty("remote_addr") String remoteAddr,
            @JsonProperty("error") String error) implements FrpMessage {
        @Override
        public FrpMessageType type() {
            return FrpMessageType.NEW_PROXY_RESP;
        }
    }

    /** {@code c}: unregister a proxy (C→S, control, no reply). */
    record CloseProxy(@JsonProperty("proxy_name") String proxyName) implements FrpMessage {
        @Override
        public FrpMessageType type() {
            return FrpMessageType.CLOSE_PROXY;
        }
    }

    /** {@code w}: first message of a work connection (C→S, plaintext). */
    record NewWorkConn(
            @JsonProperty("run_id") String runId,
            @JsonProperty("privilege_key") String privilegeKey,
            @JsonProperty("timestamp") long timestamp) implements FrpMessage {
        @Override
        public FrpMessageType type() {
            return FrpMessageType.NEW_WORK_CONN;
        }

        @Override
        public String toString() {
            return "NewWorkConn[runId=" + runId + "]";
        }
    }

    /** {@code r}: ask the client for one more work connection (S→C, control); body {@code {}}. */
    record ReqWorkConn() implements FrpMessage {
        @Override
        public FrpMessageType type() {
            return FrpMessageType.REQ_WORK_CONN;
        }
    }

    /** {@code s}: hand a work connection to a user connection (S→C, plaintext on the work stream). */
    record StartWorkConn(
            @JsonProperty("proxy_name") String proxyName,
            @JsonProperty("src_addr") String srcAddr,
            @JsonProperty("dst_addr") String dstAddr,
            @JsonProperty("src_port") int srcPort,
            @JsonProperty("dst_port") int dstPort,
            @JsonProperty("error") String error) implements FrpMessage {
        @Override
        public FrpMessageType type() {
            return FrpMessageType.START_WORK_CONN;
        }
    }

    /** {@code v}: first message of a visitor connection (stcp/xtcp; refused by Harpoon). */
    record NewVisitorConn(
            @JsonProperty("run_id") String runId,
            @JsonProperty("proxy_name") String proxyName,
            @JsonProperty("sign_key") String signKey,
            @JsonProperty("timestamp") long timestamp,
            @JsonProperty("use_encryption") boolean useEncryption,
            @JsonProperty("use_compression") boolean useCompression) implements FrpMessage {
        @Override
        public FrpMessageType type() {
            return FrpMessageType.NEW_VISITOR_CONN;
        }

        @Override
        public String toString() {
            return "NewVisitorConn[proxyName=" + proxyName + "]";
        }
    }

    /** {@code 3}: reply to NewVisitorConn. */
    record NewVisitorConnResp(
            @JsonProperty("proxy_name") String proxyName,
            @JsonProperty("error") String error) implements FrpMessage {
        @Override
        public FrpMessageType type() {
            return FrpMessageType.NEW_VISITOR_CONN_RESP;
        }
    }

    /** {@code h}: application heartbeat (C→S, control). */
    record Ping(@JsonProperty("privilege_key") String privilegeKey, @JsonProperty("timestamp") long timestamp)
            implements FrpMessage {
        @Override
        public FrpMessageType type() {
            return FrpMessageType.PING;
        }

        @Override
        public String toString() {
            return "Ping[timestamp=" + timestamp + "]";
        }
    }

    /** {@code 4}: heartbeat reply (S→C, control). */
    record Pong(@JsonProperty("error") String error) implements FrpMessage {
        @Override
        public FrpMessageType type() {
            return FrpMessageType.PONG;
        }
    }

    /** {@code u}: udp proxy datagram; kept as raw JSON (udp proxies are out of scope). */
    record UdpPacket(@JsonValue ObjectNode json) implements FrpMessage {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public UdpPacket {
        }

        @Override
        public FrpMessageType type() {
            return FrpMessageType.UDP_PACKET;
        }
    }

    /** {@code i}: xtcp visitor hole punching; raw JSON. */
    record NatHoleVisitor(@JsonValue ObjectNode json) implements FrpMessage {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public NatHoleVisitor {
        }

        @Override
        public FrpMessageType type() {
            return FrpMessageType.NAT_HOLE_VISITOR;
        }
    }

    /** {@code n}: xtcp client hole punching; raw JSON. */
    record NatHoleClient(@JsonValue ObjectNode json) implements FrpMessage {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public NatHoleClient {
        }

        @Override
        public FrpMessageType type() {
            return FrpMessageType.NAT_HOLE_CLIENT;
        }
    }

    /** {@code m}: hole punching response; raw JSON. */
    record NatHoleResp(@JsonValue ObjectNode json) implements FrpMessage {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public NatHoleResp {
        }

        @Override
        public FrpMessageType type() {
            return FrpMessageType.NAT_HOLE_RESP;
        }
    }

    /** {@code 5}: hole punching session id; raw JSON. */
    record NatHoleSid(@JsonValue ObjectNode json) implements FrpMessage {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public NatHoleSid {
        }

        @Override
        public FrpMessageType type() {
            return FrpMessageType.NAT_HOLE_SID;
        }
    }

    /** {@code 6}: hole punching report; raw JSON. */
    record NatHoleReport(@JsonValue ObjectNode json) implements FrpMessage {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public NatHoleReport {
        }

        @Override
        public FrpMessageType type() {
            return FrpMessageType.NAT_HOLE_REPORT;
        }
    }
}
