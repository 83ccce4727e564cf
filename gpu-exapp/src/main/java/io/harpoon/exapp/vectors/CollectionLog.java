package io.harpoon.exapp.vectors;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One collection on disk: an append-only log, fsynced per request, replayed at start and compacted when mostly
 * dead. Big-endian throughout.
 *
 * <pre>
 *   header (16 bytes)
 *   +--------+---------+----------+-----------+----------+
 *   | "HPVC" | ver u16 | rsvd u16 | dim u32   | rsvd u32 |
 *   +--------+---------+----------+-----------+----------+
 *   record (repeated)
 *   +---------+-----------+-------------------------------------------+------------+
 *   | type u8 | count u32 | payload                                   | crc32c u32 |
 *   +---------+-----------+-------------------------------------------+------------+
 *     type 1 ADD     payload = count x (id i64, dim x f32)    upsert
 *     type 2 DELETE  payload = count x id i64
 *     crc32c covers type, count and payload
 * </pre>
 *
 * A record cut short by a crash (or with a bad checksum) ends the replay; the file is truncated there, so a
 * request that was not acknowledged leaves no trace. Rewrites go to a temporary file that replaces the log
 * atomically.
 */
final class CollectionLog implements Closeable {
    static final int MAGIC = 0x48505643;
    static final int VERSION = 1;
    static final int HEADER_BYTES = 16;
    static final byte ADD = 1;
    static final byte DELETE = 2;
    /** Rows per ADD record when compacting. */
    static final int REWRITE_ROWS = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(CollectionLog.class);

    private final Path path;
    private final int dimension;
    private FileChannel channel;

    private CollectionLog(Path path, int dimension, FileChannel channel) {
        this.path = path;
        this.dimension = dimension;
        this.channel = channel;
    }

    /** Receives replayed records. */
    interface Sink {
        void add(long id, float[] row);

        void delete(long id);
    }

    /** Creates an empty log (replacing none: the caller checked the name is free). */
    static CollectionLog create(Path path, int dimension) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            writeFully(c, header(dimension));
            c.force(true);
        }
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return new CollectionLog(path, dimension, FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
    }

    /** Reads the dimension from the header. */
    static int readDimension(Path path) throws IOException {
        try (FileChannel c = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES);
            readFully(c, h);
            h.flip();
            if (h.remaining() < HEADER_BYTES || h.getInt() != MAGIC) {
                throw new IOException(path + ": not a collection log (expected: magic HPVC)");
            }
            int version = h.getShort() & 0xFFFF;
            if (version != VERSION) {
                throw new IOException(path + ": version " + version + " (expected: " + VERSION + ")");
            }
            h.getShort();
            return VectorLimits.checkDimension(h.getInt());
        }
    }

    /** Replays every complete record into {@code sink}, truncates a torn tail and opens the log for appending. */
    static CollectionLog replay(Path path, int dimension, Sink sink) throws IOException {
        long good = HEADER_BYTES;
        try (FileChannel c = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = c.size();
            c.position(HEADER_BYTES);
            ByteBuffer head = ByteBuffer.allocate(5);
            while (good < size) {
                head.clear();
                if (readFully(c, head) < 5) {
                    break;
                }
                head.flip();
                byte type = head.get();
                int count = head.getInt();
                long entry = type == ADD ? 8L + 4L * dimension : type == DELETE ? 8L : -1;
                if (entry < 0 || count < 0 || 5 + count * entry + 4 > size - good) {
                    break;
                }
                ByteBuffer body = ByteBuffer.allocate((int) (count * entry) + 4);
                if (readFully(c, body) < body.capacity()) {
                    break;
                }
                body.flip();
                CRC32C crc = new CRC32C();
                head.rewind();
                crc.update(head);
                crc.update(body.slice(0, body.capacity() - 4));
                if ((int) crc.getValue() != body.getInt(body.capacity() - 4)) {
                    break;
                }
                for (int i = 0; i < count; i++) {
                    long id = body.getLong();
                    if (type == ADD) {
                        float[] row = new float[dimension];
                        body.asFloatBuffer().get(row);
                        body.position(body.position() + 4 * dimension);
                        sink.add(id, row);
                    } else {
                        sink.delete(id);
                    }
                }
                good += 5 + count * entry + 4;
            }
            if (good < size) {
                LOG.warn("{}: dropping {} bytes after offset {} (torn or corrupt record)", path.getFileName(), size - good, good);
                c.truncate(good);
                c.force(true);
            }
        }
        return new CollectionLog(path, dimension, FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
    }

    /** Appends one ADD record for rows {@code 0..count-1} and forces it to disk. */
    void appendAdd(long[] ids, float[] rows, int count) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(5 + count * (8 + 4 * dimension) + 4);
        b.put(ADD).putInt(count);
        for (int i = 0; i < count; i++) {
            b.putLong(ids[i]);
            for (int d = 0; d < dimension; d++) {
                b.putFloat(rows[i * dimension + d]);
            }
        }
        append(b);
    }

    /** Appends one DELETE record and forces it to disk. */
    void appendDelete(long[] ids) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(5 + ids.length * 8 + 4);
        b.put(DELETE).putInt(ids.length);
        for (long id : ids) {
            b.putLong(id);
        }
        append(b);
    }

    private void append(ByteBuffer b) throws IOException {
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        b.flip();
        long before = channel.size();
        try {
            writeFully(channel, b);
            channel.force(false);
        } catch (IOException e) {
            channel.truncate(before); // leave no half record behind a failed request
            throw e;
        }
    }

    long sizeBytes() throws IOException {
        return channel.size();
    }

    /** Replaces the log with one holding exactly the live rows. */
    void rewrite(long[] ids, float[] data, int count) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            writeFully(c, header(dimension));
            CollectionLog out = new CollectionLog(tmp, dimension, c);
            for (int from = 0; from < count; from += REWRITE_ROWS) {
                int n = Math.min(REWRITE_ROWS, count - from);
                long[] chunkIds = java.util.Arrays.copyOfRange(ids, from, from + n);
                float[] rows = java.util.Arrays.copyOfRange(data, from * dimension, (from + n) * dimension);
                ByteBuffer b = ByteBuffer.allocate(5 + n * (8 + 4 * dimension) + 4);
                b.put(ADD).putInt(n);
                for (int i = 0; i < n; i++) {
                    b.putLong(chunkIds[i]);
                    for (int d = 0; d < dimension; d++) {
                        b.putFloat(rows[i * dimension + d]);
                    }
                }
                CRC32C crc = new CRC32C();
                crc.update(b.array(), 0, b.position());
                b.putInt((int) crc.getValue());
                b.flip();
                writeFully(out.channel, b);
            }
            c.force(true);
        }
        channel.close();
        Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /** Closes and removes the file. */
    void delete() throws IOException {
        close();
        Files.deleteIfExists(path);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static ByteBuffer header(int dimension) {
        ByteBuffer h = ByteBuffer.allocate(HEADER_BYTES);
        h.putInt(MAGIC).putShort((short) VERSION).putShort((short) 0).putInt(dimension).putInt(0);
        return h.flip();
    }

    private static void writeFully(FileChannel c, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            c.write(b);
        }
    }

    private static int readFully(FileChannel c, ByteBuffer b) throws IOException {
        int total = 0;
        while (b.hasRemaining()) {
            int r = c.read(b);
            if (r < 0) {
                break;
            }
            total += r;
        }
        return total;
    }
}
