package io.harpoon.tunnel.crypto;

import io.netty.channel.ChannelPipeline;

/**
 * Installs a work connection's per-proxy codecs after StartWorkConn (spec/frp-wire.md §10): the writer compresses,
 * then encrypts; the reader decrypts, then decompresses. Names are constants so relays can be added after them.
 *
 * <pre>
 *   stream  --&gt; [cfb-decrypt] --&gt; [snappy-decode] --&gt; application
 *   stream  &lt;-- [cfb-encrypt] &lt;-- [snappy-encode] &lt;-- application
 * </pre>
 */
public final class WorkStreamCodecs {
    public static final String CFB_ENCRYPT = "cfb-encrypt";
    public static final String CFB_DECRYPT = "cfb-decrypt";
    public static final String SNAPPY_ENCODE = "snappy-encode";
    public static final String SNAPPY_DECODE = "snappy-decode";

    private WorkStreamCodecs() {
    }

    /** Appends the codecs to {@code p} (before any application handler added later). */
    public static void install(ChannelPipeline p, byte[] key, boolean encryption, boolean compression) {
        if (encryption) {
            p.addLast(CFB_ENCRYPT, new CfbEncryptHandler(key));
            p.addLast(CFB_DECRYPT, new CfbDecryptHandler(key));
        }
        if (compression) {
            p.addLast(SNAPPY_ENCODE, new SnappyFramingEncoder());
            p.addLast(SNAPPY_DECODE, new SnappyFramingDecoder());
        }
    }
}
