package org.testigo.web.front;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The public listener (see the package documentation): one {@link EventLoop} per core answering what its
 * {@link FrontRoute}s answer, every other connection passed to {@code backend} ({@link Pipe}).
 */
public final class FrontDoor implements AutoCloseable {
    private final ServerSocketChannel listener;
    private final InetSocketAddress backend;
    private final List<FrontRoute> routes;
    private final long idleMillis;
    private final List<EventLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    private FrontDoor(ServerSocketChannel listener, InetSocketAddress backend, List<FrontRoute> routes, Duration idle) {
        this.listener = listener;
        this.backend = backend;
        this.routes = List.copyOf(routes);
        this.idleMillis = idle.toMillis();
    }

    /**
     * Listens on {@code host:port} (0: any free port) with an accept queue of {@code backlog}.
     *
     * @param backend the server that takes every connection the routes do not answer; it must accept the PROXY protocol
     * @param idle how long a connection may stay silent before it is closed
     */
    public static FrontDoor open(String host, int port, int backlog, InetSocketAddress backend, List<FrontRoute> routes,
            Duration idle) {
        try {
            ServerSocketChannel listener = ServerSocketChannel.open();
            listener.bind(new InetSocketAddress(host, port), backlog);
            listener.configureBlocking(false);
            FrontDoor door = new FrontDoor(listener, backend, routes, idle);
            int n = Math.max(1, Runtime.getRuntime().availableProcessors());
            for (int i = 0; i < n; i++) {
                EventLoop loop = new EventLoop(door, listener);
                door.loops.add(loop);
                Thread t = Thread.ofPlatform().name("front-loop-" + i).daemon().start(loop);
                door.threads.add(t);
            }
            return door;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        try {
            return ((InetSocketAddress) listener.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean running() {
        return running;
    }

    List<FrontRoute> routes() {
        return routes;
    }

    long idleMillis() {
        return idleMillis;
    }

    /** Runs deferred work on its own virtual thread. */
    void later(Runnable work) {
        Thread.ofVirtual().name("front-later").start(work);
    }

    /** Where passed connections go. */
    InetSocketAddress backend() {
        return backend;
    }

    /** Stops listening, closes every connection, passed ones included (each loop closes its own). */
    @Override
    public void close() {
        running = false;
        closeQuietly(listener);
        loops.forEach(EventLoop::wakeup);
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    /** Closes {@code c}; a failure to close a socket that is going away anyway changes nothing. */
    static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // it is closed, or as good as
        }
    }
}
