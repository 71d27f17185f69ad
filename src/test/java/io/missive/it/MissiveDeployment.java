package io.missive.it;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The deployment of every integration test class: the WAR that the build made
 * (target/missive.war), unchanged. Every test class declares
 * <pre>
 * &#64;Deployment(testable = false)
 * static WebArchive deployment() {
 *     return MissiveDeployment.war();
 * }
 * </pre>
 * and all of them share one Payara Micro (see {@link SharedPayaraMicroContainer}).
 */
public final class MissiveDeployment {

    public static final String NAME = "missive.war";

    private static WebArchive war;

    private MissiveDeployment() {
    }

    public static synchronized WebArchive war() {
        if (war == null) {
            Path file = builtWar();
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException(file.toAbsolutePath() + " does not exist: run the integration tests"
                        + " with Maven (./mvnw verify), which packages the WAR first");
            }
            war = ShrinkWrap.create(ZipImporter.class, NAME).importFrom(file.toFile()).as(WebArchive.class);
        }
        return war;
    }

    static Path builtWar() {
        return Path.of(System.getProperty("missive.launch.war", "target/" + NAME));
    }
}
