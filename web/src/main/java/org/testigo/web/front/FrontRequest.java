package org.testigo.web.front;

import java.net.InetAddress;

/**
 * A request as the front door read it: only what its routes look at. The path is the raw request target,
 * which has no query, no percent-escape and no dot or empty segment (those requests are passed on), so it
 * is also the decoded path Helidon would route.
 *
 * @param method the method as sent (case-sensitive, RFC 9110 §9.1)
 * @param path the request target, starting with {@code /}
 * @param acceptEncoding the Accept-Encoding header, or null
 * @param ifNoneMatch the If-None-Match header, or null
 * @param contentType the Content-Type header, or null
 * @param forwardedFor every X-Forwarded-For header, joined by commas, or null
 * @param client the peer's address
 * @param body the body (empty when none)
 */
public record FrontRequest(String method, String path, String acceptEncoding, String ifNoneMatch, String contentType,
        String forwardedFor, InetAddress client, byte[] body) {
}
