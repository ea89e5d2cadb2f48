package org.testigo.web.front;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * A connection handed to the server behind: the answers already made are written first, then a PROXY
 * protocol v1 line naming the client, the bytes received and not answered, and from then on bytes are
 * copied both ways until either side is done. Two virtual threads per connection: passed connections
 * are the rarer kind (uploads, submissions, the command centre), whose own work dwarfs the copy.
 */
final class Tunnel {
    private static final int CHUNK = 16 * 1024;

    private Tunnel() {
    }

    /**
     * @param client no longer registered with any selector
     * @param unsent answers owed to the client before anything the server behind says
     * @param received the bytes of the first request not answered here, and any after it
     * @param open the connections alive, for closing them all at shutdown
     */
    static void start(SocketChannel client, List<ByteBuffer> unsent, byte[] received, InetSocketAddress backend,
            Set<SocketChannel> open) {
        Thread.ofVirtual().name("front-tunnel").start(() -> {
            open.add(client);
            SocketChannel server = null;
            try {
                client.configureBlocking(true);
                for (ByteBuffer b : unsent) {
                    while (b.hasRemaining()) {
                        client.write(b);
                    }
                }
                server = SocketChannel.open();
                open.add(server);
                server.setOption(StandardSocketOptions.TCP_NODELAY, true);
                server.connect(backend);
                byte[] proxy = proxyLine(client.getRemoteAddress(), client.getLocalAddress());
                ByteBuffer first = ByteBuffer.allocate(proxy.length + received.length).put(proxy).put(received).flip();
                while (first.hasRemaining()) {
                    server.write(first);
                }
                SocketChannel s = server;
                Thread.ofVirtual().name("front-tunnel-back").start(() -> {
                    copy(s, client);
                    closeAll(open, client, s); // the server behind closed: the client's connection is over
                });
                copy(client, server);
                server.shutdownOutput(); // the client is done sending; the server may still answer
            } catch (IOException | RuntimeException e) {
                closeAll(open, client, server);
            }
        });
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

    private static void copy(SocketChannel from, SocketChannel to) {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        try {
            while (from.read(buf) >= 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    to.write(buf);
                }
                buf.clear();
            }
        } catch (IOException e) {
            // a side went away: the caller closes
        }
    }

    private static void closeAll(Set<SocketChannel> open, SocketChannel... channels) {
        for (SocketChannel c : channels) {
            if (c != null) {
                open.remove(c);
                try {
                    c.close();
                } catch (IOException e) {
                    // closing anyway
                }
            }
        }
    }
}
