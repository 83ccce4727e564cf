package io.harpoon.tunnel.wire;

/**
 * The frp v1 message catalogue with its pinned type bytes (spec/frp-wire.md §6.3; fatedier/frp pkg/msg/msg.go).
 * These bytes are wire contract: never renumber.
 */
public enum FrpMessageType {
    LOGIN('o', FrpMessage.Login.class),
    LOGIN_RESP('1', FrpMessage.LoginResp.class),
    NEW_PROXY('p', FrpMessage.NewProxy.class),
    NEW_PROXY_RESP('2', FrpMessage.NewProxyResp.class),
    CLOSE_PROXY('c', FrpMessage.CloseProxy.class),
    NEW_WORK_CONN('w', FrpMessage.NewWorkConn.class),
    REQ_WORK_CONN('r', FrpMessage.ReqWorkConn.class),
    START_WORK_CONN('s', FrpMessage.StartWorkConn.class),
    NEW_VISITOR_CONN('v', FrpMessage.NewVisitorConn.class),
    NEW_VISITOR_CONN_RESP('3', FrpMessage.NewVisitorConnResp.class),
    PING('h', FrpMessage.Ping.class),
    PONG('4', FrpMessage.Pong.class),
    UDP_PACKET('u', FrpMessage.UdpPacket.class),
    NAT_HOLE_VISITOR('i', FrpMessage.NatHoleVisitor.class),
    NAT_HOLE_CLIENT('n', FrpMessage.NatHoleClient.class),
    NAT_HOLE_RESP('m', FrpMessage.NatHoleResp.class),
    NAT_HOLE_SID('5', FrpMessage.NatHoleSid.class),
    NAT_HOLE_REPORT('6', FrpMessage.NatHoleReport.class);

    private static final FrpMessageType[] BY_BYTE = new FrpMessageType[256];

    static {
        for (FrpMessageType t : values()) {
            if (BY_BYTE[t.code] != null) {
                throw new ExceptionInInitializerError("duplicate frp type byte " + (char) t.code);
            }
            BY_BYTE[t.code] = t;
        }
    }

    private final byte code;
    private final Class<? extends FrpMessage> recordClass;

    FrpMessageType(char code, Class<? extends FrpMessage> recordClass) {
        this.code = (byte) code;
        this.recordClass = recordClass;
    }

    /** The type byte on the wire. */
    public byte code() {
        return code;
    }

    /** The record that carries this message's JSON body. */
    public Class<? extends FrpMessage> recordClass() {
        return recordClass;
    }

    /** The type for a wire byte, or null for an unknown byte (frp's {@code ErrMsgType}). */
    public static FrpMessageType of(byte code) {
        return BY_BYTE[code & 0xff];
    }
}
