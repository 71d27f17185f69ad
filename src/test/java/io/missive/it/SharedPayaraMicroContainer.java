package io.missive.it;

import fish.payara.arquillian.container.payara.managed.PayaraMicroContainerConfiguration;
import fish.payara.arquillian.container.payara.managed.PayaraMicroDeployableContainer;
import org.jboss.arquillian.container.spi.client.container.DeploymentException;
import org.jboss.arquillian.container.spi.client.protocol.metadata.HTTPContext;
import org.jboss.arquillian.container.spi.client.protocol.metadata.ProtocolMetaData;
import org.jboss.arquillian.container.spi.client.protocol.metadata.Servlet;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Payara Micro container of the adapter, changed so that all test classes share one boot:
 * the first {@link #deploy} starts PostgreSQL and Payara Micro with the archive
 * ({@link MissiveServer}); later deployments of the same archive get the cached metadata;
 * {@link #undeploy} does nothing; {@link #stop()} (end of the test suite) stops both.
 *
 * <p>The adapter's own deploy() is not used: it cannot pass the ports, the keystore, the pool and
 * the system properties chosen at run time, stops reading Payara Micro's output once it is up,
 * and keeps no log file. The adapter's configuration (arquillian.xml, payara.microJar,
 * startupTimeoutInSeconds) still applies.
 */
public class SharedPayaraMicroContainer extends PayaraMicroDeployableContainer {

    private static final Map<String, ProtocolMetaData> DEPLOYED = new ConcurrentHashMap<>();

    private PayaraMicroContainerConfiguration configuration;

    @Override
    public void setup(PayaraMicroContainerConfiguration configuration) {
        super.setup(configuration);
        this.configuration = configuration;
    }

    @Override
    public void start() {
        // started by the first deploy(), which knows the archive
    }

    @Override
    public ProtocolMetaData deploy(Archive<?> archive) throws DeploymentException {
        ProtocolMetaData cached = DEPLOYED.get(archive.getName());
        if (cached != null) {
            return cached;
        }
        if (!DEPLOYED.isEmpty()) {
            throw new DeploymentException("The shared Payara Micro runs " + DEPLOYED.keySet()
                    + "; a test class may not deploy another archive (" + archive.getName()
                    + "): use MissiveDeployment.war()");
        }
        try {
            Path war = export(archive);
            MissiveServer server = MissiveServer.start(war, configuration.getMicroJarFile().toPath(),
                    Duration.ofSeconds(configuration.getStartupTimeoutInSeconds()));
            HTTPContext http = new HTTPContext("localhost", server.httpPort());
            http.add(new Servlet("default", "/"));
            ProtocolMetaData metaData = new ProtocolMetaData().addContext(http);
            DEPLOYED.put(archive.getName(), metaData);
            return metaData;
        } catch (IOException | RuntimeException e) {
            throw new DeploymentException(e.getMessage(), e);
        }
    }

    /** The archive as a file, as Payara Micro deploys it (the archive's name gives the application's name). */
    private static Path export(Archive<?> archive) throws IOException {
        Path dir = Path.of(System.getProperty("missive.it.work-dir", "target/it"), "deploy").toAbsolutePath();
        Files.createDirectories(dir);
        Path file = dir.resolve(archive.getName());
        archive.as(ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }

    @Override
    public void undeploy(Archive<?> archive) {
        // the deployment stays for the next test class; stop() ends it
    }

    @Override
    public void stop() {
        DEPLOYED.clear();
        MissiveServer.stop();
    }
}
