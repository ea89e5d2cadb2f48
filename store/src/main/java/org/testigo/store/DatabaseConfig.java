package org.testigo.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where the evidence store lives: an embedded PostgreSQL kept in a data directory (the zero-setup
 * default), or a PostgreSQL server given by URL (how a deployment grows).
 */
public sealed interface DatabaseConfig permits DatabaseConfig.Embedded, DatabaseConfig.Server {

    /** An embedded PostgreSQL whose cluster lives in {@code <dataDir>/postgres}, kept between runs. */
    static Embedded embedded(Path dataDir) {
        return new Embedded(dataDir);
    }

    /**
     * A server given as {@code postgresql://user:password@host:port/database?param=value} (also
     * {@code postgres://}) or as a JDBC URL {@code jdbc:postgresql://host:port/database?user=…&password=…}.
     * Other query parameters (e.g. {@code sslmode}) are passed to the driver.
     *
     * @throws StoreException with {@link StoreException.Reason#BAD_URL} saying what is wrong
     */
    static Server server(String url) {
        return Server.parse(url);
    }

    /** @param dataDir the folder Testigo owns; the PostgreSQL cluster is its {@code postgres} subfolder */
    record Embedded(Path dataDir) implements DatabaseConfig {
        public Embedded {
            Objects.requireNonNull(dataDir, "dataDir");
            dataDir = dataDir.toAbsolutePath().normalize();
        }

        /** The PostgreSQL cluster's own directory. */
        public Path clusterDir() {
            return dataDir.resolve("postgres");
        }
    }

    /**
     * @param user may be empty: the driver then uses its own default
     * @param password may be empty
     * @param parameters further driver properties, e.g. {@code sslmode=require}
     */
    record Server(String host, int port, String database, String user, String password, Map<String, String> parameters)
            implements DatabaseConfig {

        public static final int DEFAULT_PORT = 5432;

        public Server {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("a server needs a host");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port must be 1-65535, got " + port);
            }
            if (database == null || database.isBlank()) {
                throw new IllegalArgumentException("a server needs a database name");
            }
            user = user == null ? "" : user;
            password = password == null ? "" : password;
            parameters = Map.copyOf(parameters);
        }

        /** The JDBC URL without credentials (they go to the driver as properties). */
        public String jdbcUrl() {
            String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
            return "jdbc:postgresql://" + h + ":" + port + "/" + encode(database);
        }

        /** host:port/database, for messages. */
        public String address() {
            return host + ":" + port + "/" + database;
        }

        /** The URL as given, with the password masked: safe to log. */
        @Override
        public String toString() {
            return "postgresql://" + (user.isEmpty() ? "" : user + (password.isEmpty() ? "" : ":***") + "@") + address();
        }

        static Server parse(String url) {
            if (url == null || url.isBlank()) {
                throw badUrl("(empty)", "it is empty");
            }
            String text = url.strip();
            String withoutJdbc = text.startsWith("jdbc:") ? text.substring("jdbc:".length()) : text;
            URI uri;
            try {
                uri = new URI(withoutJdbc);
            } catch (URISyntaxException e) {
                throw badUrl(text, "it is not a valid URL (" + e.getReason() + ")");
            }
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equals("postgresql") || scheme.equals("postgres"))) {
                throw badUrl(text, "it must start with postgresql:// or jdbc:postgresql://");
            }
            if (uri.getRawAuthority() == null) {
                throw badUrl(text, "it must name a host after //");
            }
            String host = uri.getHost();
            if (host == null || host.isEmpty()) {
                throw badUrl(text, "the host is missing or malformed");
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
            String path = uri.getPath() == null ? "" : uri.getPath();
            String database = path.startsWith("/") ? path.substring(1) : path;
            if (database.isEmpty() || database.contains("/")) {
                throw badUrl(text, "it must end with /<database name> after the host and port");
            }
            String user = "";
            String password = "";
            String userInfo = uri.getRawUserInfo();
            if (userInfo != null) {
                int colon = userInfo.indexOf(':');
                user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
                password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            String query = uri.getRawQuery();
            if (query != null && !query.isEmpty()) {
                for (String pair : query.split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                    String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                    switch (key) {
                        case "user" -> user = value;
                        case "password" -> password = value;
                        default -> parameters.put(key, value);
                    }
                }
            }
            return new Server(host, port, database, user, password, parameters);
        }

        private static StoreException badUrl(String url, String what) {
            return new StoreException(StoreException.Reason.BAD_URL, "cannot use database URL " + masked(url) + ": "
                    + what + "; expected postgresql://user:password@host:port/database");
        }

        /** Hides a password in a URL that failed to parse: passwords must not reach logs. */
        static String masked(String url) {
            return url.replaceAll("(//[^:/@]*:)[^@/]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
        }

        private static String decode(String s) {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        }

        private static String encode(String s) {
            return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
        }
    }
}
