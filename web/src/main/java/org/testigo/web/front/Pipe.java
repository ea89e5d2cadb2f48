package org.testigo.web.front;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A connection handed to the server behind, on the same event loop that read it: bytes are copied both ways
 * as they come, without a thread per direction (each hop between threads showed in the tail of uploads and
 * submissions under load). The answers already made for the client go first, then, to the server behind, a
 * PROXY protocol v1 line naming the client and the bytes received and not answered. When one side cannot
 * take more, the other is not read until it can: nothing piles up in memory beyond one read.
 */
final class Pipe {
    /** One side: its socket, and what was read from the other side that this socket has not taken yet. */
    final class End {
        final SocketChannel channel;
        SelectionKey key;
        End other;
        /** Bytes for this side's socket, waiting for it to take them; null when none. */
        ByteBuffer owed;
        /** This side sent its last byte: once {@link #owed} to the other side is delivered, its output is shut. */
        boolean finished;

        End(SocketChannel channel) {
            this.channel = channel;
        }

        Pipe pipe() {
            return Pipe.this;
        }

        /** Reads what this side sent and passes it on; the loop's buffer carries it. */
        void readable(ByteBuffer buffer) throws IOException {
            buffer.clear();
            int n = channel.read(buffer);
            if (n < 0) {
                finished = true;
                if (this == backend) {
                    // The server behind closed: after what it said reaches the client, the connection is over.
                    if (other.owed == null) {
                        close();
                        return;
                    }
                } else if (other.owed == null) {
                    other.channel.shutdownOutput(); // the client is done sending; the server may still answer
                }
                update();
                return;
            }
            buffer.flip();
            other.channel.write(buffer);
            if (buffer.hasRemaining()) {
                other.owed = ByteBuffer.allocate(buffer.remaining()).put(buffer).flip();
            }
            update();
        }

        /** This side's socket can take more of what it is owed. */
        void writable() throws IOException {
            channel.write(owed);
            if (!owed.hasRemaining()) {
                owed = null;
                if (other.finished) {
                    if (other == backend) {
                        close();
                        return;
                    }
                    channel.shutdownOutput();
                }
            }
            update();
        }
    }

    final End client;
    final End backend;

    private Pipe(SocketChannel clientChannel, SocketChannel backendChannel) {
        client = new End(clientChannel);
        backend = new End(backendChannel);
        client.other = backend;
        backend.other = client;
    }

    /**
     * Connects to {@code address} (the loopback: at once) and starts the pipe on {@code selector}, where
     * {@code key} already holds the client's socket.
     *
     * @param unsent answers owed to the client before anything the server behind says
     * @param received the bytes of the first request not answered here, and any after it
     */
    static Pipe open(Selector selector, SelectionKey key, SocketChannel clientChannel, List<ByteBuffer> unsent, byte[] received,
            InetSocketAddress address) throws IOException {
        SocketChannel server = SocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.TCP_NODELAY, true);
            server.connect(address);
            server.configureBlocking(false);
        } catch (IOException e) {
            FrontDoor.closeQuietly(server);
            throw e;
        }
        Pipe p = new Pipe(clientChannel, server);
        byte[] proxy = proxyLine(clientChannel.getRemoteAddress(), clientChannel.getLocalAddress());
        p.backend.owed = ByteBuffer.allocate(proxy.length + received.length).put(proxy).put(received).flip();
        int owedToClient = unsent.stream().mapToInt(ByteBuffer::remaining).sum();
        if (owedToClient > 0) {
            ByteBuffer b = ByteBuffer.allocate(owedToClient);
            unsent.forEach(b::put);
            p.client.owed = b.flip();
        }
        p.client.key = key;
        key.attach(p.client);
        p.backend.key = server.register(selector, 0, p.backend);
        p.update();
        return p;
    }

    /**
     * Each socket is read while the other side owes nothing (so at most one read waits in memory) and written
     * while it is owed something.
     */
    private void update() {
        for (End e : new End[] {client, backend}) {
            if (e.key.isValid()) {
                e.key.interestOps((e.finished || e.other.owed != null ? 0 : SelectionKey.OP_READ)
                        | (e.owed != null ? SelectionKey.OP_WRITE : 0));
            }
        }
    }

    void close() {
        client.key.cancel();
        backend.key.cancel();
        FrontDoor.closeQuietly(client.channel);
        FrontDoor.closeQuietly(backend.channel);
    }

    /** "PROXY TCP4|TCP6 source destination sport dport\r\n", or "PROXY UNKNOWN" when the families differ. */
    static byte[] proxyLine(SocketAddress remote, SocketAddress local) {
        String line = "PROXY UNKNOWN\r\n";
        if (remote instanceof InetSocketAddress r && local instanceof InetSocketAddress l
                && (r.getAddress() instanceof Inet4Address) == (l.getAddress() instanceof Inet4Address)) {
            String family = r.getAddress() instanceof Inet4Address ? "TCP4" : "TCP6";
            line = "PROXY " + family + " " + literal(r) + " " + literal(l) + " " + r.getPort() + " " + l.getPort() + "\r\n";
        }
        return line.getBytes(StandardCharsets.US_ASCII);
    }

    private static String literal(InetSocketAddress a) {
        String s = a.getAddress().getHostAddress();
        int zone = s.indexOf('%'); // an IPv6 scope (fe80::1%eth0) has no place in the PROXY line
        return zone < 0 ? s : s.substring(0, zone);
    }
}
