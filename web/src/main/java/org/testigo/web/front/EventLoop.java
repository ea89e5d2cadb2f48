package org.testigo.web.front;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;

import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One selector thread: accepts its share of connections (every loop watches the one listening socket),
 * reads requests, answers those its routes answer at once from memory, and hands the rest on. All state of
 * a connection lives on its loop's thread; other threads reach it only through {@link #tasks}.
 */
final class EventLoop implements Runnable {
    static final int READ_CHUNK = 16 * 1024;
    private static final Logger LOG = Logger.getLogger(EventLoop.class.getName());
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);
    private static final byte[] CRLF = {'\r', '\n'};

    private final FrontDoor door;
    private final Selector selector;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_CHUNK);
    /** Answers are gathered here and written with one call per connection and batch of requests. */
    private final ByteBuffer out = ByteBuffer.allocateDirect(256 * 1024);
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private long dateSecond = -1;
    private byte[] dateLine;
    private long lastSweep;

    EventLoop(FrontDoor door, ServerSocketChannel listener) throws IOException {
        this.door = door;
        this.selector = Selector.open();
        listener.register(selector, SelectionKey.OP_ACCEPT);
    }

    void wakeup() {
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            while (door.running()) {
                updateDate(System.currentTimeMillis());
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                // Ready keys are handed over one by one rather than gathered in the selected-key set: with a thousand
                // connections that set's table grows, and walking it on every wake-up showed in profiles.
                selector.select(this::handle, 1000);
                long now = System.currentTimeMillis();
                if (now - lastSweep > 5_000) {
                    lastSweep = now;
                    closeIdle(now);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.SEVERE, "the front door's event loop stopped", e);
        } finally {
            for (SelectionKey k : selector.keys()) {
                if (k.attachment() instanceof Connection c) {
                    close(c);
                } else if (k.attachment() instanceof Pipe.End e) {
                    e.pipe().close();
                }
            }
            FrontDoor.closeQuietly(selector);
        }
    }

    private void handle(SelectionKey key) {
        long now = System.currentTimeMillis();
        updateDate(now);
        try {
            if (!key.isValid()) {
                return;
            }
            if (key.isAcceptable()) {
                accept((ServerSocketChannel) key.channel(), now);
            } else if (key.attachment() instanceof Connection c) {
                c.lastActive = now;
                if (key.isWritable()) {
                    resumeWriting(c);
                } else if (key.isReadable()) {
                    read(c);
                }
            } else if (key.attachment() instanceof Pipe.End e) {
                if (key.isWritable()) {
                    e.writable();
                }
                if (key.isValid() && key.isReadable()) {
                    e.readable(readBuffer);
                }
            }
        } catch (IOException | RuntimeException e) {
            if (key.attachment() instanceof Connection c) {
                close(c);
            } else if (key.attachment() instanceof Pipe.End end) {
                end.pipe().close();
            }
        }
    }

    private void accept(ServerSocketChannel listener, long now) throws IOException {
        // Every loop watches the listener; whichever wakes first takes what is queued, the others find nothing.
        for (int i = 0; i < 64; i++) {
            SocketChannel ch = listener.accept();
            if (ch == null) {
                return;
            }
            try {
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                InetAddress client = ch.getRemoteAddress() instanceof InetSocketAddress a ? a.getAddress()
                        : InetAddress.getLoopbackAddress();
                Connection c = new Connection(ch, client);
                c.lastActive = now;
                c.key = ch.register(selector, SelectionKey.OP_READ, c);
            } catch (IOException e) {
                ch.close(); // reset before it was set up
            }
        }
    }

    private void read(Connection c) throws IOException {
        readBuffer.clear();
        int n = c.channel.read(readBuffer);
        if (n < 0) {
            close(c);
            return;
        }
        readBuffer.flip();
        c.receive(readBuffer);
        serve(c);
    }

    /** Answers the complete requests received on {@code c}, in order, while they can be answered at once. */
    private void serve(Connection c) throws IOException {
        out.clear();
        while (!c.waiting && c.unsent.isEmpty() && !c.closeAfterWrite && c.buffered() > 0) {
            RequestReader.Read r = RequestReader.read(c.in, c.start, c.end, c.client);
            if (r == RequestReader.MORE) {
                if (c.buffered() > Connection.MAX_BUFFER) {
                    flush(c);
                    if (c.channel.isOpen()) {
                        passOn(c);
                    }
                    return;
                }
                break;
            }
            Answer a = r == RequestReader.PASS ? Answer.PASS : route(r.request());
            if (a instanceof PreparedResponse p) {
                append(c, p);
                c.consume(r.length());
                c.closeAfterWrite = r.close();
            } else if (a instanceof Answer.Later later) {
                c.waiting = true;
                c.key.interestOps(0);
                flush(c);
                door.later(() -> finish(c, later, r));
                return;
            } else {
                flush(c); // answers already made for earlier requests go first
                if (c.channel.isOpen()) {
                    passOn(c);
                }
                return;
            }
        }
        flush(c);
    }

    private Answer route(FrontRequest request) {
        for (FrontRoute route : door.routes()) {
            try {
                Answer a = route.answer(request);
                if (a != Answer.PASS) {
                    return a;
                }
            } catch (RuntimeException e) {
                return Answer.PASS; // the server behind will meet the same problem and report it properly
            }
        }
        return Answer.PASS;
    }

    /** Runs a deferred answer off the loop, then back on it writes it (or passes the request on). */
    private void finish(Connection c, Answer.Later later, RequestReader.Read r) {
        Answer a;
        try {
            a = later.work().get();
        } catch (RuntimeException e) {
            a = Answer.PASS;
        }
        Answer answer = a;
        tasks.add(() -> {
            if (!c.channel.isOpen()) {
                return;
            }
            c.waiting = false;
            try {
                if (answer instanceof PreparedResponse p) {
                    out.clear();
                    append(c, p);
                    c.consume(r.length());
                    c.closeAfterWrite = r.close();
                    flush(c);
                    if (c.unsent.isEmpty() && c.channel.isOpen()) {
                        c.key.interestOps(SelectionKey.OP_READ);
                        serve(c);
                    }
                } else {
                    passOn(c);
                }
            } catch (IOException | RuntimeException e) {
                close(c);
            }
        });
        selector.wakeup();
    }

    private void append(Connection c, PreparedResponse p) throws IOException {
        int length = p.length(dateLine.length);
        if (out.remaining() < length) {
            flush(c);
            out.clear();
        }
        if (!c.unsent.isEmpty() || out.remaining() < length) {
            // the socket is behind, or the answer is larger than the buffer: it waits in its own copy
            ByteBuffer copy = ByteBuffer.allocate(length);
            put(copy, p);
            c.unsent.add(copy.flip());
            return;
        }
        put(out, p);
    }

    private void put(ByteBuffer to, PreparedResponse p) {
        to.put(p.statusLine()).put(dateLine).put(p.headerLines()).put(p.lengthLine()).put(CRLF).put(p.body());
    }

    /** Writes what {@link #out} holds; what the socket does not take waits, and the loop waits to write it. */
    private void flush(Connection c) throws IOException {
        out.flip();
        if (out.hasRemaining() && c.unsent.isEmpty()) {
            c.channel.write(out);
        }
        if (out.hasRemaining()) {
            ByteBuffer rest = ByteBuffer.allocate(out.remaining()).put(out).flip();
            c.unsent.add(rest);
        }
        out.clear();
        writeUnsent(c);
    }

    private void writeUnsent(Connection c) throws IOException {
        while (!c.unsent.isEmpty()) {
            ByteBuffer b = c.unsent.peek();
            c.channel.write(b);
            if (b.hasRemaining()) {
                if (c.key.isValid()) {
                    c.key.interestOps(SelectionKey.OP_WRITE);
                }
                return;
            }
            c.unsent.poll();
        }
        if (c.closeAfterWrite) {
            close(c);
        }
    }

    private void resumeWriting(Connection c) throws IOException {
        writeUnsent(c);
        if (!c.unsent.isEmpty() || !c.channel.isOpen()) {
            return;
        }
        if (c.waiting) {
            c.key.interestOps(0); // a socket ready to write with nothing to write would wake the loop forever
        } else {
            c.key.interestOps(SelectionKey.OP_READ);
            serve(c);
        }
    }

    /** Hands {@code c} to the server behind: from now on this loop copies its bytes both ways ({@link Pipe}). */
    private void passOn(Connection c) {
        try {
            Pipe.open(selector, c.key, c.channel, new ArrayList<>(c.unsent), java.util.Arrays.copyOfRange(c.in, c.start, c.end),
                    door.backend());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "the server behind the front door did not take a connection: " + e.getMessage());
            close(c);
        }
    }

    /** Closes connections that sent nothing for the idle timeout (a slow head counts as idle too). */
    private void closeIdle(long now) {
        for (SelectionKey k : selector.keys()) {
            if (k.attachment() instanceof Connection c && !c.waiting && now - c.lastActive > door.idleMillis()) {
                close(c);
            }
        }
    }

    private void close(Connection c) {
        if (c.key != null) {
            c.key.cancel();
        }
        FrontDoor.closeQuietly(c.channel);
    }

    private void updateDate(long now) {
        long second = now / 1000;
        if (second != dateSecond) {
            dateSecond = second;
            dateLine = ("Date: " + HTTP_DATE.format(Instant.ofEpochSecond(second)) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
    }
}
