package org.testigo.store;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A second process for {@link EmbeddedDatabaseTest}: opens an embedded data directory, issues a token
 * named by the caller, prints {@code READY <description>}, then either closes at once ({@code once}) or
 * waits for a line on stdin ({@code hold}) — the test may kill it meanwhile.
 *
 * <p>{@code java -cp … org.testigo.store.EmbeddedChild <dataDir> <tokenName> once|hold}
 */
public final class EmbeddedChild {
    private EmbeddedChild() {
    }

    public static void main(String[] args) throws Exception {
        try (Database db = Database.open(DatabaseConfig.embedded(Path.of(args[0])))) {
            new TokenStore(db).create(Role.WITNESS, args[1]);
            System.out.println("READY " + db.describe());
            System.out.flush();
            if (args[2].equals("hold")) {
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            }
        } catch (StoreException e) {
            System.out.println("FAILED " + e.getMessage());
            System.exit(2);
        }
        System.out.println("CLOSED");
    }
}
