/**
 * The evidence store: PostgreSQL, embedded (a data directory, zero setup) or a server (a URL).
 *
 * <ul>
 *   <li>{@link org.testigo.store.Database} opens it ({@link org.testigo.store.DatabaseConfig}), runs the
 *       migrations in {@code db/migration} and pools connections; problems a person can fix are
 *       {@link org.testigo.store.StoreException}s whose message says what to do.</li>
 *   <li>{@link org.testigo.store.ElectionStore}: the one election a database counts.</li>
 *   <li>{@link org.testigo.store.EvidenceStore}: the append-only, content-addressed evidence log, with
 *       durable group commit for live submissions and COPY for imports.</li>
 *   <li>{@link org.testigo.store.TokenStore}: bearer tokens, kept as their SHA-256 only.</li>
 * </ul>
 *
 * <p>The schema and the reasons behind it are in {@code db/migration/} ({@code V1__evidence_store.sql},
 * then each later version).
 */
package org.testigo.store;
