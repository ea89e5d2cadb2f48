package org.testigo.web.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every route of the server as it is registered: routing goes through this, which passes each route on
 * to Helidon and remembers its method and path. The list is what the authorization-matrix test holds
 * its table against, so a route added anywhere without an expectation fails that test.
 */
public final class Endpoints implements HttpRules {
    /** One registered route. {@code method} is {@code ANY} for a path's fallback (405) and the catch-all (404). */
    public record Endpoint(String method, String path) {
    }

    private final HttpRules target;
    private final List<Endpoint> endpoints = Collections.synchronizedList(new ArrayList<>());

    public Endpoints(HttpRules target) {
        this.target = target;
    }

    /** The routes registered so far, in order. */
    public List<Endpoint> list() {
        synchronized (endpoints) {
            return List.copyOf(endpoints);
        }
    }

    private HttpRules add(String method, String path) {
        endpoints.add(new Endpoint(method, path));
        return this;
    }

    @Override
    public HttpRules get(String path, Handler... handlers) {
        target.get(path, handlers);
        return add("GET", path);
    }

    @Override
    public HttpRules post(String path, Handler... handlers) {
        target.post(path, handlers);
        return add("POST", path);
    }

    @Override
    public HttpRules put(String path, Handler... handlers) {
        target.put(path, handlers);
        return add("PUT", path);
    }

    @Override
    public HttpRules delete(String path, Handler... handlers) {
        target.delete(path, handlers);
        return add("DELETE", path);
    }

    @Override
    public HttpRules patch(String path, Handler... handlers) {
        target.patch(path, handlers);
        return add("PATCH", path);
    }

    @Override
    public HttpRules head(String path, Handler... handlers) {
        target.head(path, handlers);
        return add("HEAD", path);
    }

    @Override
    public HttpRules any(String path, Handler... handlers) {
        target.any(path, handlers);
        return add("ANY", path);
    }

    @Override
    public HttpRules any(Handler... handlers) {
        target.any(handlers);
        return add("ANY", "*");
    }

    @Override
    public HttpRules route(Method method, String path, Handler handler) {
        target.route(method, path, handler);
        return add(method.text(), path);
    }

    @Override
    public HttpRules register(HttpService... services) {
        throw new UnsupportedOperationException("register routes one by one (get, post, …) so that Endpoints lists them");
    }

    @Override
    public HttpRules register(String path, HttpService... services) {
        throw new UnsupportedOperationException("register routes one by one (get, post, …) so that Endpoints lists them");
    }

    @Override
    public HttpRules route(HttpRoute route) {
        throw new UnsupportedOperationException("register routes by method and path (get, post, …) so that Endpoints lists them");
    }
}
