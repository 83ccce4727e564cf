package io.harpoon.tunnel.server;

import io.harpoon.kernels.api.CfbDirection;
import io.harpoon.kernels.api.CfbStream;
import io.harpoon.kernels.select.Kernels;
import io.harpoon.tunnel.crypto.FrpAuth;
import io.harpoon.tunnel.mux.YamuxFrame;
import io.harpoon.tunnel.wire.FrpFrameEncoder;
import io.harpoon.tunnel.wire.FrpJson;
import io.harpoon.tunnel.wire.FrpMessage;
import io.harpoon.tunnel.wire.FrpMessageType;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A byte-level frpc emulator (spec/frp-wire.md §16) on a blocking socket: writes yamux and v1 frames exactly as Go
 * does (SYN delta 0x005C0000 before any ACK, data before ACK, IV as a separate write) and records everything the
 * server sends, per stream. Without mux the socket itself is the one stream (id ignored).
 */
final class RawFrpc implements Closeable {
    static final int DELTA = 0x005c0000;
    static final Map<String, String> METAS = Map.of("token", Fixture.SHARED_KEY);

    final Socket socket;
    final boolean mux;
    private final DataInputStream in;
    private final OutputStream out;
    private final Map<Integer, byte[]> buffers = new HashMap<>();
    final List<YamuxFrame> frames = new ArrayList<>();
    private final byte[] key;
    private CfbStream sendCipher;
    private CfbStream recvCipher;
    private final Random random = new Random(42);

    RawFrpc(Socket socket, boolean mux, String token) throws IOException {
        this.socket = socket;
        this.mux = mux;
        socket.setSoTimeout(5000);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.key = FrpAuth.aesKey(token);
    }

    static RawFrpc plain(InetSocketAddress server, boolean mux) throws IOException {
        return new RawFrpc(new Socket(server.getAddress(), server.getPort()), mux, "");
    }

    /** TLS (optionally after frp's 0x17 marker); SNI only when {@code host} is a name, as Go does. */
    static RawFrpc tls(InetSocketAddress server, SSLContext ctx, boolean marker, String host) throws IOException {
        Socket s = new Socket(server.getAddress(), server.getPort());
        if (marker) {
            s.getOutputStream().write(0x17);
        }
        SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket(s, host, server.getPort(), true);
        ssl.setSoTimeout(5000);
        ssl.startHandshake();
        return new RawFrpc(ssl, true, "");
    }

    // ---- yamux output ----

    void header(int type, int flags, int id, int length) throws IOException {
        if (!mux) {
            return;
        }
        out.write(ByteBuffer.allocate(12).put((byte) 0).put((byte) type).putShort((short) flags).putInt(id)
                .putInt(length).array());
        out.flush();
    }

    void syn(int id) throws IOException {
        header(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_SYN, id, DELTA);
    }

    void fin(int id) throws IOException {
        header(YamuxFrame.TYPE_WINDOW_UPDATE, YamuxFrame.FLAG_FIN, id, 0);
    }

    void data(int id, byte[] payload) throws IOException {
        header(YamuxFrame.TYPE_DATA, 0, id, payload.length);
        out.write(payload);
        out.flush();
    }

    void sendFrp(int id, FrpMessage m) throws IOException {
        data(id, FrpFrameEncoder.encode(m));
    }

    // ---- input ----

    /** Reads one frame (or, without mux, whatever bytes are there) and records it. */
    YamuxFrame readFrame() throws IOException {
        if (!mux) {
            byte[] buf = new byte[65536];
            int n = in.read(buf);
            if (n < 0) {
                throw new EOFException();
            }
            append(0, Arrays.copyOf(buf, n));
            return new YamuxFrame(0, 0, 0, n);
        }
        byte[] h = new byte[12];
        in.readFully(h);
        ByteBuffer b = ByteBuffer.wrap(h);
        b.get();
        YamuxFrame f = new YamuxFrame(b.get() & 0xff, b.getShort() & 0xffff, b.getInt(), b.getInt());
        if (f.type() == YamuxFrame.TYPE_DATA && f.length() > 0) {
            byte[] p = new byte[f.length()];
            in.readFully(p);
            append(f.streamId(), p);
        }
        frames.add(f);
        return f;
    }

    private void append(int id, byte[] p) {
        byte[] old = buffers.getOrDefault(id, new byte[0]);
        byte[] n = Arrays.copyOf(old, old.length + p.length);
        System.arraycopy(p, 0, n, old.length, p.length);
        buffers.put(id, n);
    }

    int buffered(int id) {
        return buffers.getOrDefault(mux ? id : 0, new byte[0]).length;
    }

    /** Exactly {@code n} payload bytes of stream {@code id}, reading frames as needed. */
    byte[] readStream(int id, int n) throws IOException {
        int key = mux ? id : 0;
        while (buffered(key) < n) {
            readFrame();
        }
        byte[] all = buffers.get(key);
        buffers.put(key, Arrays.copyOfRange(all, n, all.length));
        return Arrays.copyOf(all, n);
    }

    /** Reads frames until one matches; false if the connection ended first. */
    boolean awaitFrame(Predicate<YamuxFrame> p) throws IOException {
        for (YamuxFrame f : frames) {
            if (p.test(f)) {
                return true;
            }
        }
        try {
            for (;;) {
                if (p.test(readFrame())) {
                    return true;
                }
            }
        } catch (EOFException e) {
            return false;
        }
    }

    /** True when the server closes the connection (EOF or reset) within the socket timeout. */
    boolean closedByServer() throws IOException {
        try {
            for (;;) {
                readFrame();
            }
        } catch (EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by peer, TLS alert
        }
    }

    FrpMessage readFrp(int id) throws IOException {
        return parse(readStream(id, 9), id, false);
    }

    private FrpMessage parse(byte[] header, int id, boolean encrypted) throws IOException {
        if (encrypted) {
            decrypt(header);
        }
        FrpMessageType t = FrpMessageType.of(header[0]);
        int len = (int) ByteBuffer.wrap(header, 1, 8).getLong();
        byte[] body = readStream(id, len);
        if (encrypted) {
            decrypt(body);
        }
        return FrpJson.read(t, body);
    }

    // ---- encrypted control ----

    byte[] serverIv;

    FrpMessage readControl(int id) throws IOException {
        if (recvCipher == null) {
            serverIv = readStream(id, 16);
            recvCipher = new CfbStream(key, serverIv);
        }
        return parse(readStream(id, 9), id, true);
    }

    private void decrypt(byte[] b) {
        Kernels.defaults().aes128Cfb(CfbDirection.DECRYPT, recvCipher, b, 0, b.length);
    }

    void sendControl(int id, FrpMessage m) throws IOException {
        if (sendCipher == null) {
            byte[] iv = new byte[16];
            random.nextBytes(iv);
            sendCipher = new CfbStream(key, iv);
            data(id, iv); // the IV is its own write, as in Go
        }
        byte[] f = FrpFrameEncoder.encode(m);
        Kernels.defaults().aes128Cfb(CfbDirection.ENCRYPT, sendCipher, f, 0, f.length);
        data(id, f);
    }

    // ---- frp steps ----

    static FrpMessage.Login login(String runId, String metasToken, long ts, String privilegeKey, int pool) {
        return new FrpMessage.Login("0.61.1", null, "linux", "amd64", null, privilegeKey, ts, runId, null,
                metasToken == null ? Map.of() : Map.of("token", metasToken), null, pool);
    }

    static FrpMessage.Login goodLogin(String runId, int pool) {
        return login(runId, Fixture.SHARED_KEY, 1700000000L, "24920decf83f6960b80f737a28eeafc1", pool);
    }

    /** SYN stream 1, Login, returns LoginResp (plaintext). */
    FrpMessage.LoginResp login(FrpMessage.Login login) throws IOException {
        syn(1);
        sendFrp(1, login);
        return (FrpMessage.LoginResp) readFrp(1);
    }

    /** Logs in and drains the pool-warming ReqWorkConns. */
    String loginAndWarm(String runId, int pool) throws IOException {
        FrpMessage.LoginResp r = login(goodLogin(runId, pool));
        if (r.error() != null) {
            throw new IOException("login failed: " + r.error());
        }
        for (int i = 0; i < Math.min(pool, 5); i++) {
            if (!(readControl(1) instanceof FrpMessage.ReqWorkConn)) {
                throw new IOException("expected ReqWorkConn");
            }
        }
        return r.runId();
    }

    /** Opens a work stream with NewWorkConn. */
    void workConn(int id, String runId) throws IOException {
        syn(id);
        sendFrp(id, new FrpMessage.NewWorkConn(runId, null, 0));
    }

    FrpMessage.NewProxyResp newProxy(String name, int port) throws IOException {
        return newProxy(FrpMessage.NewProxy.tcp(name, port, false, false));
    }

    FrpMessage.NewProxyResp newProxy(FrpMessage.NewProxy np) throws IOException {
        sendControl(1, np);
        for (;;) {
            FrpMessage m = readControl(1);
            if (m instanceof FrpMessage.NewProxyResp r) {
                return r;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
