package org.testigo.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The core is the election's logic and nothing else: no database, no network, no server. Those live in
 * the modules around it (store, web), so the same code runs in the server, the CLI and, later, the
 * verifier that citizens run.
 */
@AnalyzeClasses(packages = "org.testigo", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {
    @ArchTest
    static final ArchRule coreDoesNoDatabaseOrNetworkIo = noClasses().should()
            .dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "java.net.http..", "io.helidon..",
                    "org.postgresql..", "com.zaxxer..");

    @ArchTest
    static final ArchRule thereIsNoUtilPackage = noClasses().should().resideInAnyPackage("..util..", "..utils..", "..helpers..");

    @ArchTest
    static final ArchRule formatsDoNotKnowEachOther = noClasses().that().resideInAPackage("org.testigo.tally.ve2024..")
            .should().dependOnClassesThat().resideInAPackage("org.testigo.tally.brbu..");

    @ArchTest
    static final ArchRule theModelDoesNotDependOnStationsAfterIt = noClasses().that().resideInAPackage("org.testigo.election")
            .should().dependOnClassesThat().resideInAnyPackage("org.testigo.consolidation..", "org.testigo.totals..",
                    "org.testigo.synth..", "org.testigo.resultados..");
}
