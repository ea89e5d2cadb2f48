package org.testigo.roll;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import org.testigo.election.TableId;

/**
 * The voter roll compiled for lookups: national id → polling table, for one election, held in memory
 * in a few arrays (about 3 bytes a voter for numeric ids) and written to one file in the deployment's
 * data directory. {@link RollFile} compiles it from the package's {@code voters/roll.csv}.
 *
 * <p><b>Numeric ids</b> (digits, no leading zero, below {@link #numericLimit()}; Venezuelan cédulas,
 * Brazilian títulos) are sorted and cut into blocks of {@value #BLOCK} ids. The block directory holds
 * each block's first id and where its deltas start; inside a block each id is stored as its distance to
 * the previous one, minus one, in the fewest bits that hold the block's largest distance. The table of
 * the i-th id is a {@code b}-bit table number at bit {@code i·b} of another bit string, {@code b} being
 * the bits needed for the election's table count. A lookup is a binary search over the directory and a
 * scan of at most {@value #BLOCK} deltas.
 *
 * <p><b>Other ids</b> (with letters, a leading zero, or too large) are kept whole, sorted, in one byte
 * pool with offsets, and found by binary search: exact, never a false match, at the cost of their
 * length plus four bytes each. A roll of such ids is bigger, not slower.
 *
 * <p>The index never records a lookup; it holds nothing that changes after it is built.
 */
public final class RollIndex {
    /** Ids per block of the numeric part. */
    static final int BLOCK = 64;
    private static final byte[] MAGIC = "testigo-roll-index/1\n".getBytes(StandardCharsets.US_ASCII);

    private final String electionId;
    private final TableId[] tables;
    private final int tableBits;
    // numeric part
    private final int numericCount;
    private final long[] blockBase;
    private final long[] blockStart;
    private final byte[] blockWidth;
    private final long[] deltas;
    private final long[] numericTables;
    // text part
    private final int textCount;
    private final byte[] pool;
    private final int[] offsets;
    private final long[] textTables;

    RollIndex(String electionId, TableId[] tables, int numericCount, long[] blockBase, long[] blockStart,
            byte[] blockWidth, long[] deltas, long[] numericTables, int textCount, byte[] pool, int[] offsets,
            long[] textTables) {
        this.electionId = electionId;
        this.tables = tables;
        this.tableBits = tableBits(tables.length);
        this.numericCount = numericCount;
        this.blockBase = blockBase;
        this.blockStart = blockStart;
        this.blockWidth = blockWidth;
        this.deltas = deltas;
        this.numericTables = numericTables;
        this.textCount = textCount;
        this.pool = pool;
        this.offsets = offsets;
        this.textTables = textTables;
        if (blockBase.length != (numericCount + BLOCK - 1) / BLOCK || blockStart.length != blockBase.length
                || blockWidth.length != blockBase.length || offsets.length != textCount + 1) {
            throw new IllegalArgumentException("the index's arrays do not agree with its counts");
        }
    }

    /** Bits of a table number for an election of {@code tables} tables (at least 1). */
    static int tableBits(int tables) {
        return Math.max(1, Bits.width(Math.max(0, tables - 1)));
    }

    /**
     * Numbers from this one up are kept as text: a number and its table share one {@code long} while
     * the roll is sorted, so the number gets the 63 bits the table number leaves (2⁴⁸ for 30,026 tables).
     */
    public long numericLimit() {
        return 1L << (63 - tableBits);
    }

    static long numericLimit(int tables) {
        return 1L << (63 - tableBits(tables));
    }

    /** The election this roll belongs to. */
    public String electionId() {
        return electionId;
    }

    /** Voters in the roll. */
    public long size() {
        return (long) numericCount + textCount;
    }

    /** The election's tables as the index numbers them (the order of {@code tables.csv}). */
    public List<TableId> tables() {
        return List.of(tables);
    }

    /** The table of the voter with this id, or empty when the roll does not list them. */
    public Optional<TableId> lookup(NationalId id) {
        int table = tableOf(id.value());
        return table < 0 ? Optional.empty() : Optional.of(tables[table]);
    }

    /** Index of the table of {@code canonical}, or -1. */
    int tableOf(String canonical) {
        long number = NationalId.number(canonical);
        if (number >= 0 && number < numericLimit()) {
            int i = numericPosition(number);
            return i < 0 ? -1 : (int) Bits.get(numericTables, (long) i * tableBits, tableBits);
        }
        int i = textPosition(canonical);
        return i < 0 ? -1 : (int) Bits.get(textTables, (long) i * tableBits, tableBits);
    }

    private int numericPosition(long id) {
        int lo = 0;
        int hi = blockBase.length - 1;
        int block = -1;
        while (lo <= hi) { // the last block whose first id is ≤ id
            int mid = (lo + hi) >>> 1;
            if (blockBase[mid] <= id) {
                block = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (block < 0) {
            return -1;
        }
        long current = blockBase[block];
        int first = block * BLOCK;
        if (current == id) {
            return first;
        }
        int length = Math.min(BLOCK, numericCount - first);
        int width = blockWidth[block];
        long position = blockStart[block];
        for (int j = 1; j < length; j++) {
            current += Bits.get(deltas, position, width) + 1;
            position += width;
            if (current == id) {
                return first + j;
            }
            if (current > id) {
                return -1;
            }
        }
        return -1;
    }

    private int textPosition(String canonical) {
        int lo = 0;
        int hi = textCount - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compare(mid, canonical);
            if (c == 0) {
                return mid;
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return -1;
    }

    /** Compares the pool's i-th id with {@code s} (ASCII, so bytes order as chars do). */
    private int compare(int i, String s) {
        int from = offsets[i];
        int length = offsets[i + 1] - from;
        int n = Math.min(length, s.length());
        for (int k = 0; k < n; k++) {
            int c = (pool[from + k] & 0xFF) - s.charAt(k);
            if (c != 0) {
                return c;
            }
        }
        return length - s.length();
    }

    /** What {@link #forEach} hands out: one voter's id (personal data) and table. */
    public interface Visitor {
        void voter(String nationalId, TableId table);
    }

    /** Every voter, numeric ids in increasing order, then the others in text order; for the mirror's shards. */
    public void forEach(Visitor visitor) {
        for (int block = 0; block < blockBase.length; block++) {
            int first = block * BLOCK;
            int length = Math.min(BLOCK, numericCount - first);
            long current = blockBase[block];
            long position = blockStart[block];
            int width = blockWidth[block];
            for (int j = 0; j < length; j++) {
                if (j > 0) {
                    current += Bits.get(deltas, position, width) + 1;
                    position += width;
                }
                visitor.voter(Long.toString(current), tables[(int) Bits.get(numericTables, (long) (first + j) * tableBits, tableBits)]);
            }
        }
        for (int i = 0; i < textCount; i++) {
            visitor.voter(new String(pool, offsets[i], offsets[i + 1] - offsets[i], StandardCharsets.US_ASCII),
                    tables[(int) Bits.get(textTables, (long) i * tableBits, tableBits)]);
        }
    }

    /** Bytes of the arrays this index holds (its table ids not counted: the election holds those anyway). */
    public long heldBytes() {
        return 8L * (blockBase.length + blockStart.length + deltas.length + numericTables.length + textTables.length)
                + blockWidth.length + pool.length + 4L * offsets.length;
    }

    // ---- the index file -------------------------------------------------------------------------

    /**
     * Writes the index to {@code file} through a temporary file moved into place. Format: the line
     * {@code testigo-roll-index/1}, then big-endian fields (election id, table ids, counts, the arrays),
     * then a CRC-32 of everything before it.
     */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        CRC32 crc = new CRC32();
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16);
                DataOutputStream out = new DataOutputStream(new CheckedOutputStream(raw, crc))) {
            out.write(MAGIC);
            out.writeUTF(electionId);
            out.writeInt(tables.length);
            for (TableId t : tables) {
                out.writeUTF(t.value());
            }
            out.writeInt(numericCount);
            writeLongs(out, blockBase);
            writeLongs(out, blockStart);
            out.writeInt(blockWidth.length);
            out.write(blockWidth);
            writeLongs(out, deltas);
            writeLongs(out, numericTables);
            out.writeInt(textCount);
            out.writeInt(pool.length);
            out.write(pool);
            out.writeInt(offsets.length);
            for (int o : offsets) {
                out.writeInt(o);
            }
            writeLongs(out, textTables);
            out.flush();
            new DataOutputStream(raw).writeLong(crc.getValue());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads an index written by {@link #write}.
     *
     * @throws IOException when the file cannot be read, is not an index of this version, is cut short
     *     or fails its checksum; the message says which
     */
    public static RollIndex read(Path file) throws IOException {
        CRC32 crc = new CRC32();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                DataInputStream in = new DataInputStream(new CheckedInputStream(raw, crc))) {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + " is not a voter roll index (testigo-roll-index/1)");
            }
            String election = in.readUTF();
            TableId[] tables = new TableId[count(in.readInt(), file)];
            for (int i = 0; i < tables.length; i++) {
                String t = in.readUTF();
                if (!TableId.isValid(t)) {
                    throw new IOException(file + " holds a table id that is not valid; compile the roll again");
                }
                tables[i] = new TableId(t);
            }
            int numericCount = count(in.readInt(), file);
            long[] base = readLongs(in, file);
            long[] start = readLongs(in, file);
            byte[] width = in.readNBytes(count(in.readInt(), file));
            long[] deltas = readLongs(in, file);
            long[] numericTables = readLongs(in, file);
            int textCount = count(in.readInt(), file);
            byte[] pool = in.readNBytes(count(in.readInt(), file));
            int[] offsets = new int[count(in.readInt(), file)];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = in.readInt();
            }
            long[] textTables = readLongs(in, file);
            long expected = crc.getValue();
            long stored = new DataInputStream(raw).readLong();
            if (stored != expected) {
                throw new IOException(file + " fails its checksum (damaged); compile the roll again");
            }
            try {
                return new RollIndex(election, tables, numericCount, base, start, width, deltas, numericTables,
                        textCount, pool, offsets, textTables);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " is inconsistent (" + e.getMessage() + "); compile the roll again");
            }
        } catch (EOFException e) {
            throw new IOException(file + " is cut short; compile the roll again", e);
        }
    }

    private static int count(int n, Path file) throws IOException {
        if (n < 0) {
            throw new IOException(file + " holds a negative count (damaged); compile the roll again");
        }
        return n;
    }

    private static void writeLongs(DataOutputStream out, long[] values) throws IOException {
        out.writeInt(values.length);
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        for (int i = 0; i < values.length; ) {
            int n = Math.min(values.length - i, buffer.capacity() / 8);
            buffer.clear();
            buffer.asLongBuffer().put(values, i, n);
            out.write(buffer.array(), 0, n * 8);
            i += n;
        }
    }

    private static long[] readLongs(DataInputStream in, Path file) throws IOException {
        long[] values = new long[count(in.readInt(), file)];
        byte[] bytes = new byte[1 << 16];
        for (int i = 0; i < values.length; ) {
            int n = Math.min(values.length - i, bytes.length / 8);
            in.readFully(bytes, 0, n * 8);
            ByteBuffer.wrap(bytes, 0, n * 8).asLongBuffer().get(values, i, n);
            i += n;
        }
        return values;
    }
}
