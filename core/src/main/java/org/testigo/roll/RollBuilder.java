package org.testigo.roll;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.testigo.election.TableId;

/**
 * Builds a {@link RollIndex} from voters given in any order, using little more memory than the
 * finished sort needs: a numeric id and its table number travel as one {@code long}
 * ({@code id << b | table}) in chunks of a million, each chunk sorted as primitives, then merged
 * straight into the index's blocks. Ids that are not numbers are the exception and sort as objects.
 *
 * <p>An id given twice is not an index: {@link #build} then answers the ids given more than once (up
 * to a cap) so the reader can say on which lines.
 */
final class RollBuilder {
    private static final int CHUNK = 1 << 20;

    private final String electionId;
    private final TableId[] tables;
    private final int tableBits;
    private final long numericLimit;
    private final List<long[]> chunks = new ArrayList<>();
    private long[] chunk = new long[CHUNK];
    private int filled;
    private long numericCount;
    private final List<TextVoter> texts = new ArrayList<>();

    private record TextVoter(String id, int table) {
    }

    RollBuilder(String electionId, List<TableId> tables) {
        this.electionId = electionId;
        this.tables = tables.toArray(TableId[]::new);
        this.tableBits = RollIndex.tableBits(this.tables.length);
        this.numericLimit = RollIndex.numericLimit(this.tables.length);
    }

    /** The limit below which {@link #addNumber} takes a number; others go to {@link #addText}. */
    long numericLimit() {
        return numericLimit;
    }

    /** A voter whose canonical id is a number below {@link #numericLimit()}. */
    void addNumber(long id, int table) {
        if (id < 0 || id >= numericLimit || table < 0 || table >= tables.length) {
            throw new IllegalArgumentException("number or table out of range (a bug in the roll reader)");
        }
        if (filled == CHUNK) {
            chunks.add(chunk);
            chunk = new long[CHUNK];
            filled = 0;
        }
        chunk[filled++] = id << tableBits | table;
        numericCount++;
        if (numericCount + texts.size() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a roll holds at most " + (Integer.MAX_VALUE - 8) + " voters");
        }
    }

    /** A voter with any canonical id; numbers below the limit go to the numeric part. */
    void add(String canonical, int table) {
        long number = NationalId.number(canonical);
        if (number >= 0 && number < numericLimit) {
            addNumber(number, table);
        } else {
            if (table < 0 || table >= tables.length) {
                throw new IllegalArgumentException("table out of range (a bug in the roll reader)");
            }
            texts.add(new TextVoter(canonical, table));
        }
    }

    /** The index, or the ids given more than once. */
    sealed interface Result {
    }

    record Built(RollIndex index) implements Result {
    }

    /** @param ids canonical ids given more than once (at most the cap asked for), in id order */
    record Duplicates(Set<String> ids) implements Result {
    }

    /** Builds the index; the builder is spent afterwards. */
    Result build(int maxDuplicates) {
        chunks.add(Arrays.copyOf(chunk, filled));
        chunk = null;
        Set<String> duplicates = new LinkedHashSet<>();
        Numeric numeric = numeric(duplicates, maxDuplicates);
        texts.sort(Comparator.comparing(TextVoter::id));
        for (int i = 1; i < texts.size() && duplicates.size() < maxDuplicates; i++) {
            if (texts.get(i).id().equals(texts.get(i - 1).id())) {
                duplicates.add(texts.get(i).id());
            }
        }
        if (!duplicates.isEmpty()) {
            return new Duplicates(duplicates);
        }
        int textCount = texts.size();
        int poolSize = 0;
        for (TextVoter t : texts) {
            poolSize += t.id().length();
        }
        byte[] pool = new byte[poolSize];
        int[] offsets = new int[textCount + 1];
        long[] textTables = new long[Bits.words((long) textCount * tableBits)];
        int at = 0;
        for (int i = 0; i < textCount; i++) {
            byte[] b = texts.get(i).id().getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(b, 0, pool, at, b.length);
            at += b.length;
            offsets[i + 1] = at;
            Bits.put(textTables, (long) i * tableBits, tableBits, texts.get(i).table());
        }
        texts.clear();
        return new Built(new RollIndex(electionId, tables, (int) numericCount, numeric.base, numeric.start,
                numeric.width, numeric.deltas, numeric.tables, textCount, pool, offsets, textTables));
    }

    private record Numeric(long[] base, long[] start, byte[] width, long[] deltas, long[] tables) {
    }

    /** Sorts each chunk, merges them in order into blocks, noting duplicates on the way. */
    private Numeric numeric(Set<String> duplicates, int maxDuplicates) {
        for (long[] c : chunks) {
            Arrays.sort(c);
        }
        int n = (int) numericCount;
        int blocks = (n + RollIndex.BLOCK - 1) / RollIndex.BLOCK;
        long[] base = new long[blocks];
        long[] start = new long[blocks];
        byte[] width = new byte[blocks];
        long[] voterTables = new long[Bits.words((long) n * tableBits)];
        Bits.Sink deltas = new Bits.Sink();
        long[] ids = new long[RollIndex.BLOCK];
        Merge merge = new Merge(chunks);
        long previous = -1;
        int i = 0;
        int inBlock = 0;
        while (merge.hasNext()) {
            long packed = merge.next();
            long id = packed >>> tableBits;
            if (id == previous && duplicates.size() < maxDuplicates) {
                duplicates.add(Long.toString(id));
            }
            previous = id;
            Bits.put(voterTables, (long) i * tableBits, tableBits, packed & ((1L << tableBits) - 1));
            ids[inBlock++] = id;
            i++;
            if (inBlock == RollIndex.BLOCK || i == n) {
                int block = (i - 1) / RollIndex.BLOCK;
                base[block] = ids[0];
                start[block] = deltas.length();
                long largest = 0;
                for (int j = 1; j < inBlock; j++) {
                    largest = Math.max(largest, ids[j] - ids[j - 1] - 1);
                }
                int w = Bits.width(largest);
                width[block] = (byte) w;
                if (duplicates.isEmpty()) {
                    for (int j = 1; j < inBlock; j++) {
                        deltas.append(ids[j] - ids[j - 1] - 1, w);
                    }
                }
                inBlock = 0;
            }
        }
        chunks.clear();
        return new Numeric(base, start, width, deltas.toArray(), voterTables);
    }

    /** A k-way merge of sorted chunks through a binary heap of their heads; releases each chunk when done. */
    private static final class Merge {
        private final long[][] runs;
        private final int[] position;
        private final int[] heap; // run numbers, ordered by their current head
        private int size;

        Merge(List<long[]> chunks) {
            runs = chunks.toArray(long[][]::new);
            position = new int[runs.length];
            heap = new int[runs.length];
            for (int r = 0; r < runs.length; r++) {
                if (runs[r].length > 0) {
                    heap[size++] = r;
                    up(size - 1);
                }
            }
        }

        boolean hasNext() {
            return size > 0;
        }

        long next() {
            int r = heap[0];
            long value = runs[r][position[r]++];
            if (position[r] == runs[r].length) {
                runs[r] = null; // the merge is the chunk's last reader: let it go
                heap[0] = heap[--size];
            }
            if (size > 0) {
                down(0);
            }
            return value;
        }

        private long head(int r) {
            return runs[r][position[r]];
        }

        private void up(int i) {
            while (i > 0) {
                int parent = (i - 1) / 2;
                if (head(heap[parent]) <= head(heap[i])) {
                    return;
                }
                swap(i, parent);
                i = parent;
            }
        }

        private void down(int i) {
            while (true) {
                int left = 2 * i + 1;
                if (left >= size) {
                    return;
                }
                int smallest = left + 1 < size && head(heap[left + 1]) < head(heap[left]) ? left + 1 : left;
                if (head(heap[i]) <= head(heap[smallest])) {
                    return;
                }
                swap(i, smallest);
                i = smallest;
            }
        }

        private void swap(int a, int b) {
            int t = heap[a];
            heap[a] = heap[b];
            heap[b] = t;
        }
    }
}
