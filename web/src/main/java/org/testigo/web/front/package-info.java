/**
 * The front door: the public listener, a small HTTP/1.1 server of our own (one selector thread per core)
 * that answers the requests a flood is made of — cached pages and find-my-table — from memory, and passes
 * every other connection, byte for byte, to the Helidon server behind it on the loopback interface.
 *
 * <p>Why it exists: under a flood the cost of a cached page is the HTTP layer, not Testigo. Helidon's
 * thread-per-connection design (a virtual thread parked and woken per request) reached 70–80% of nginx's
 * requests/s on the same files, with a p99 twice nginx's; a selector loop does what nginx does
 * (docs/BENCHMARKS.md, "Public site"). Helidon stays the server of record: routing, validation, errors,
 * uploads, authentication. The front door never produces an error of its own — whatever it does not
 * answer with certainty (another path, a query string, an encoded character, HTTP/1.0, a body, an
 * Upgrade, a head too long) it passes on, so every refusal still comes from the one error renderer.
 *
 * <p>A passed connection stays on its event loop, which copies its bytes both ways ({@link org.testigo.web.front.Pipe}).
 * It reaches Helidon with a PROXY protocol v1 line naming the client, so per-client rate
 * limits see the reader's address, not the loopback.
 */
package org.testigo.web.front;
