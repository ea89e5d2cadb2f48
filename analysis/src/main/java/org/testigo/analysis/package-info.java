/** Statistics over tallies: quick count and forensics (issue 6). */
package org.testigo.analysis;
