/**
 * Brazil's boletim de urna (BU) read from its QR codes, verified, and projected onto an election's
 * ballot as the {@code br-bu} tally format. The facts it implements are in
 * {@code shared/data/formats/BR-BU-QR.md}.
 *
 * <p>A BU is printed as n QR codes of at most 1,100 characters each, e.g. (shortened)
 *
 * <pre>
 * QRBU:1:1 VRQR:1.5 VRCH:20220829 ORIG:VOTA ORLC:LEG … UNFE:SP MUNI:63452 ZONA:75 SECA:182 …
 *   IDEL:545 CARG:1 TIPO:0 VERC:202210071331 13:45 22:225 APTA:325 NOMI:270 BRAN:5 NULO:3 TOTC:278
 *   HASH:C8AA…7410 ASSI:434A…D903
 * </pre>
 *
 * <p>{@link org.testigo.tally.brbu.BrBuReader#read} takes the codes in any order and answers a
 * {@link org.testigo.tally.brbu.BoletimDeUrna} or a refusal with {@link org.testigo.tally.brbu.BrBuProblem}
 * codes. The codes are linked by a SHA-512 chain; the last HASH is signed with Ed25519 by the TSE key of
 * the UF, phase and key version (VRCH). Keys come only from a {@link org.testigo.tally.brbu.BuKeys}
 * that releases trusted keys: pinned in the build, or admitted by their SHA-512 on a pinned TSE list.
 * Without such a key the verdict is NOT_VERIFIABLE, never VALID; a signature that fails is INVALID.
 */
package org.testigo.tally.brbu;
