package org.testigo.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.testigo.web.http.RateLimits;
import picocli.CommandLine.Option;

/** Per-client rate limits for `serve`: override a group's limit, trust a reverse proxy's X-Forwarded-For. */
final class RateLimitOptions {
    @Option(names = "--rate-limit", paramLabel = "GROUP=N/s|N/m|N/h[,burst=B]|off",
            description = "Limit a route group per client (groups: lookup, find, verify per address; submissions per token), "
                    + "or turn its limit off, e.g. --rate-limit lookup=60/m,burst=20 or --rate-limit submissions=off "
                    + "(for bulk loads and benchmarks over HTTP). Repeatable. Defaults: docs/api.md.")
    List<String> limits = new ArrayList<>();

    @Option(names = "--trusted-proxy", paramLabel = "IP",
            description = "A reverse proxy in front of this server, whose X-Forwarded-For names the client. Repeatable.")
    List<String> proxies = new ArrayList<>();

    RateLimits.Settings settings() {
        RateLimits.Settings s = RateLimits.Settings.defaults();
        for (String spec : limits) {
            int eq = spec.indexOf('=');
            if (eq <= 0) {
                throw new UserError("--rate-limit takes GROUP=LIMIT, e.g. lookup=30/m (got \"" + spec + "\")");
            }
            String group = spec.substring(0, eq).strip();
            String value = spec.substring(eq + 1).strip();
            if (value.equalsIgnoreCase("off")) {
                s = s.with(group, null);
                continue;
            }
            RateLimits.Limit current = s.groups().get(group);
            RateLimits.Key key = current != null ? current.key()
                    : group.equals("submissions") ? RateLimits.Key.TOKEN : RateLimits.Key.ADDRESS;
            try {
                s = s.with(group, RateLimits.Limit.parse(value, key));
            } catch (IllegalArgumentException e) {
                throw new UserError("--rate-limit " + spec + ": " + e.getMessage());
            }
        }
        try {
            return s.trustingProxies(Set.copyOf(proxies));
        } catch (IllegalArgumentException e) {
            throw new UserError("--trusted-proxy: " + e.getMessage());
        }
    }
}
