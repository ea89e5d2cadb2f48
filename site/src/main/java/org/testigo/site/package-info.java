/** The public site's pages, rendered to bytes for the live server and for static mirrors (issue 4). */
package org.testigo.site;
