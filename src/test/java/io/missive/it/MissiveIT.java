package io.missive.it;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every integration test against the shared Missive deployment starts with: Arquillian, the
 * one WAR (booted once for all classes), the server's addresses and a REST client.
 */
@ExtendWith(ArquillianExtension.class)
abstract class MissiveIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return MissiveDeployment.war();
    }

    protected final MissiveServer server = MissiveServer.get();
    protected final Api api = new Api();
}
