package org.testigo.web.front;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/** One client connection while its event loop serves it: bytes received not yet read, answers not yet written. */
final class Connection {
    /** Received bytes grow up to a head, a small body and one read's worth; beyond, the request is passed on. */
    static final int MAX_BUFFER = RequestReader.MAX_HEAD + RequestReader.MAX_BODY + EventLoop.READ_CHUNK;

    final SocketChannel channel;
    final InetAddress client;
    SelectionKey key;
    byte[] in = new byte[1024];
    int start;
    int end;
    /** Answer bytes the socket did not take yet, in order; while any remain, no further request is read. */
    final ArrayDeque<ByteBuffer> unsent = new ArrayDeque<>();
    /** Waiting for an {@link Answer.Later}: the bytes of that request stay in {@link #in} until it is answered. */
    boolean waiting;
    boolean closeAfterWrite;
    long lastActive;

    Connection(SocketChannel channel, InetAddress client) {
        this.channel = channel;
        this.client = client;
    }

    /** Appends received bytes, growing the buffer as needed. */
    void receive(ByteBuffer data) {
        int n = data.remaining();
        if (start > 0 && end + n > in.length) {
            System.arraycopy(in, start, in, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end + n > in.length) {
            in = java.util.Arrays.copyOf(in, Math.max(in.length * 2, end + n));
        }
        data.get(in, end, n);
        end += n;
    }

    /** Marks {@code n} bytes as read; an empty buffer starts over at zero. */
    void consume(int n) {
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
        }
    }

    int buffered() {
        return end - start;
    }
}
