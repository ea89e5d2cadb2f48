package org.testigo.web.http;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-client request budgets for the dynamic endpoints (token buckets, Bucket4j), by route group: a route
 * attaches one with {@code rules.post(path, limits.guard("lookup"), handler)}. A client over its budget gets a
 * 429 {@code RATE_LIMITED} JSON error with {@code Retry-After} in seconds; the route never runs.
 *
 * <p>The client is its address (an IPv6 client by its /64, which one subscriber usually holds whole), or,
 * for groups keyed by token, its bearer token (hashed; a request without one falls back to its address).
 * X-Forwarded-For is believed only from a configured trusted proxy.
 *
 * <p>Memory is bounded: each group remembers at most {@link Settings#maxClients()} clients, least recently
 * seen forgotten first. Forgetting a client whose bucket has refilled loses nothing (a fresh bucket is
 * full); under a flood of distinct addresses the oldest are forgotten early, which only gives them a fresh
 * budget — an attacker with that many addresses has fresh budgets anyway.
 */
public final class RateLimits {
    /** What identifies a client. */
    public enum Key {
        /** The remote address (or X-Forwarded-For's client behind a trusted proxy). */
        ADDRESS,
        /** The bearer token: a per-witness budget that NAT or a shared network does not split. */
        TOKEN
    }

    /**
     * A budget: at most {@code burst} requests at once, refilled at {@code refill} per {@code period}.
     */
    public record Limit(long burst, long refill, Duration period, Key key) {
        public Limit {
            if (burst < 1 || refill < 1 || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a limit needs burst ≥ 1, refill ≥ 1 and a positive period");
            }
        }

        private static final Pattern SPEC = Pattern.compile("(\\d{1,9})/(s|m|h)(?:,burst=(\\d{1,9}))?");

        /**
         * Parses {@code N/s}, {@code N/m} or {@code N/h}, optionally {@code ,burst=B} (default burst: N).
         * The key is the group's default.
         */
        public static Limit parse(String spec, Key key) {
            Matcher m = SPEC.matcher(spec.strip().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new IllegalArgumentException("a rate limit is N/s, N/m or N/h, optionally \",burst=B\" (got \""
                        + spec + "\")");
            }
            long n = Long.parseLong(m.group(1));
            Duration period = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(1);
                case "m" -> Duration.ofMinutes(1);
                default -> Duration.ofHours(1);
            };
            long burst = m.group(3) == null ? n : Long.parseLong(m.group(3));
            return new Limit(burst, n, period, key);
        }

        @Override
        public String toString() {
            return refill + " per " + period + " (burst " + burst + ", per " + key.name().toLowerCase(Locale.ROOT) + ")";
        }
    }

    /**
     * The configuration: a limit per group (a group without one is not limited), the proxies whose
     * X-Forwarded-For is believed, and how many clients each group remembers.
     */
    public record Settings(Map<String, Limit> groups, Set<String> trustedProxies, int maxClients) {
        public Settings {
            groups = Map.copyOf(groups);
            trustedProxies = Set.copyOf(trustedProxies);
            trustedProxies.forEach(RateLimits::literal); // an IP address each, refused early otherwise
            if (maxClients < STRIPES) {
                throw new IllegalArgumentException("maxClients must be at least " + STRIPES);
            }
        }

        /**
         * The defaults. lookup/find (a voter looks up one ID, maybe a family's): 30 a minute, 10 at once.
         * verify (decodes a photo: the most expensive public request): 6 a minute, 3 at once. submissions:
         * not limited by default — they need a token, which a coordinator revokes, and a coordinator relaying
         * a whole centre or a bulk {@code testigo submit} legitimately sends thousands; a deployment that wants
         * a per-token budget sets one with {@code --rate-limit submissions=1200/m,burst=600}. Mobile carriers put many people behind one address (CGNAT), so address budgets
         * are meant to stop machines, not people.
         */
        public static Settings defaults() {
            Map<String, Limit> g = new HashMap<>();
            g.put("lookup", new Limit(10, 30, Duration.ofMinutes(1), Key.ADDRESS));
            g.put("find", new Limit(10, 30, Duration.ofMinutes(1), Key.ADDRESS));
            g.put("verify", new Limit(3, 6, Duration.ofMinutes(1), Key.ADDRESS));
            return new Settings(g, Set.of(), 100_000);
        }

        /** These settings with {@code group} limited by {@code limit}, or not limited when it is null. */
        public Settings with(String group, Limit limit) {
            Map<String, Limit> g = new HashMap<>(groups);
            if (limit == null) {
                g.remove(group);
            } else {
                g.put(group, limit);
            }
            return new Settings(g, trustedProxies, maxClients);
        }

        public Settings trustingProxies(Set<String> proxies) {
            return new Settings(groups, proxies, maxClients);
        }

        public Settings rememberingAtMost(int clients) {
            return new Settings(groups, trustedProxies, clients);
        }
    }

    /** Clients are spread over stripes, each an LRU map under its own lock, so guards rarely wait on each other. */
    private static final int STRIPES = 16;

    private final Settings settings;
    private final TimeMeter time;
    private final Set<InetAddress> trusted;
    private final Map<String, Group> groups = new HashMap<>();

    public RateLimits(Settings settings) {
        this(settings, TimeMeter.SYSTEM_NANOTIME);
    }

    /** With a clock of the caller's (tests move time instead of sleeping). */
    public RateLimits(Settings settings, TimeMeter time) {
        this.settings = settings;
        this.time = time;
        this.trusted = settings.trustedProxies().stream().map(RateLimits::literal).collect(java.util.stream.Collectors.toUnmodifiableSet());
        settings.groups().forEach((name, limit) -> groups.put(name, new Group(limit, settings.maxClients() / STRIPES)));
    }

    public Settings settings() {
        return settings;
    }

    /**
     * A handler to put before a route's own: lets the request on ({@code res.next()}) within the client's
     * budget for {@code group}, answers 429 otherwise. A group without a configured limit lets everything on.
     */
    public Handler guard(String group) {
        return guard(group, (req, res) -> ErrorResponses.send(res, new ApiException(Status.TOO_MANY_REQUESTS_429,
                "RATE_LIMITED", null, "too many " + group + " requests from this client; try again in "
                        + res.headers().first(HeaderNames.RETRY_AFTER).orElse("a few") + " s")));
    }

    /**
     * Like {@link #guard(String)}, but a client over its budget is answered by {@code whenLimited} (with
     * Retry-After already set): an HTML form is sent back to its page rather than shown a JSON error.
     */
    public Handler guard(String group, Handler whenLimited) {
        Group g = groups.get(group);
        if (g == null) {
            return (req, res) -> res.next();
        }
        return (req, res) -> {
            ConsumptionProbe probe = g.bucket(clientKey(req, g.limit.key())).tryConsumeAndReturnRemaining(1);
            if (probe.isConsumed()) {
                res.next();
                return;
            }
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            res.header(HeaderNames.RETRY_AFTER, Long.toString(seconds));
            whenLimited.handle(req, res);
        };
    }

    /** How many clients {@code group} currently remembers (for tests and metrics). */
    public int tracked(String group) {
        Group g = groups.get(group);
        return g == null ? 0 : g.size();
    }

    /** The client a request counts against. */
    String clientKey(ServerRequest req, Key key) {
        if (key == Key.TOKEN) {
            String auth = req.headers().value(HeaderNames.AUTHORIZATION).orElse(null);
            if (auth != null && !auth.isBlank()) {
                return "t:" + hash(auth.strip());
            }
        }
        return "a:" + addressKey(clientAddress(req));
    }

    /**
     * Whether a request from {@code peer} (with these X-Forwarded-For values, joined; null when none) may go on
     * within its budget for {@code group}, taking one request from it when so. For the front door, which
     * passes a request it may not answer to the server behind, where {@link #guard} refuses it.
     */
    public boolean tryAcquire(String group, InetAddress peer, String forwardedFor) {
        Group g = groups.get(group);
        return g == null || g.limit.key() != Key.ADDRESS
                || g.bucket("a:" + addressKey(clientAddress(peer, forwardedFor))).tryConsume(1);
    }

    /**
     * The address a request comes from: the peer — the client the front door named in its PROXY line, when the
     * request came through it — or behind a trusted proxy the first untrusted X-Forwarded-For hop from the right.
     */
    InetAddress clientAddress(ServerRequest req) {
        InetAddress addr = req.proxyProtocolData().map(d -> literalOrNull(d.sourceAddress())).orElse(null);
        if (addr == null) {
            SocketAddress peer = req.remotePeer().address();
            addr = peer instanceof InetSocketAddress isa ? isa.getAddress() : InetAddress.getLoopbackAddress();
        }
        return clientAddress(addr, String.join(",", req.headers().all(HeaderNames.X_FORWARDED_FOR, java.util.List::of)));
    }

    private InetAddress clientAddress(InetAddress addr, String forwardedFor) {
        if (!trusted.contains(addr) || forwardedFor == null) {
            return addr;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            InetAddress hop = literalOrNull(hops[i].strip());
            if (hop == null) {
                return addr; // a hop we cannot read: count the request against the proxy itself
            }
            if (!trusted.contains(hop)) {
                return hop;
            }
        }
        return addr;
    }

    /** An IPv4 address whole; an IPv6 address by its /64 (one subscriber's prefix). */
    static String addressKey(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 16) {
            return "6:" + Base64.getEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(b, 8));
        }
        return a.getHostAddress();
    }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[?[0-9A-Fa-f:.]{2,45}]?");

    /** An IP literal, or null; never a DNS lookup (InetAddress.getByName resolves names, so only literals reach it). */
    static InetAddress literalOrNull(String text) {
        if (!IPV4.matcher(text).matches() && !(IPV6.matcher(text).matches() && text.contains(":"))) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static InetAddress literal(String text) {
        InetAddress a = literalOrNull(text.strip());
        if (a == null) {
            throw new IllegalArgumentException("a trusted proxy must be an IP address, got \"" + text + "\"");
        }
        return a;
    }

    private static String hash(String token) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(d, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** One group's buckets, in stripes of least-recently-used maps. */
    private final class Group {
        final Limit limit;
        final Bandwidth bandwidth;
        final Stripe[] stripes = new Stripe[STRIPES];

        Group(Limit limit, int perStripe) {
            this.limit = limit;
            this.bandwidth = Bandwidth.builder().capacity(limit.burst()).refillGreedy(limit.refill(), limit.period()).build();
            for (int i = 0; i < STRIPES; i++) {
                stripes[i] = new Stripe(perStripe);
            }
        }

        Bucket bucket(String key) {
            Stripe s = stripes[Math.floorMod(key.hashCode() * 0x9E3779B9, STRIPES)];
            synchronized (s) {
                return s.computeIfAbsent(key, k -> Bucket.builder().addLimit(bandwidth).withCustomTimePrecision(time).build());
            }
        }

        int size() {
            int n = 0;
            for (Stripe s : stripes) {
                synchronized (s) {
                    n += s.size();
                }
            }
            return n;
        }
    }

    /** An access-ordered map that forgets its eldest entry beyond its capacity. */
    private static final class Stripe extends LinkedHashMap<String, Bucket> {
        private final int capacity;

        Stripe(int capacity) {
            super(64, 0.75f, true);
            this.capacity = capacity;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > capacity;
        }
    }
}
