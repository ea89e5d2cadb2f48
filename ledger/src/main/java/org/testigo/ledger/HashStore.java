package org.testigo.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * An append-only array of 32-byte hashes in fixed-size chunks: a million leaves cost 32 MB and no
 * copying as the log grows, and there is no object per hash.
 */
final class HashStore {
    private static final int CHUNK_HASHES = 1 << 15;
    private static final int CHUNK_BYTES = CHUNK_HASHES * MerkleHashing.HASH_BYTES;

    private final List<byte[]> chunks = new ArrayList<>();
    private long size;

    long size() {
        return size;
    }

    void add(byte[] hash) {
        int offset = (int) (size % CHUNK_HASHES) * MerkleHashing.HASH_BYTES;
        if (offset == 0) {
            chunks.add(new byte[CHUNK_BYTES]);
        }
        System.arraycopy(hash, 0, chunks.get(chunks.size() - 1), offset, MerkleHashing.HASH_BYTES);
        size++;
    }

    byte[] get(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("hash " + index + " of " + size);
        }
        byte[] out = new byte[MerkleHashing.HASH_BYTES];
        System.arraycopy(chunks.get((int) (index / CHUNK_HASHES)), (int) (index % CHUNK_HASHES) * MerkleHashing.HASH_BYTES, out, 0,
                MerkleHashing.HASH_BYTES);
        return out;
    }
}
