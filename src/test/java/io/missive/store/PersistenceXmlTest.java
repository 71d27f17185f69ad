package io.missive.store;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * persistence.xml lists its entities because the bundled Hibernate cannot scan a WildFly deployment:
 * an entity missing from the list would work on Payara and fail on WildFly alone.
 */
class PersistenceXmlTest {

    @Test
    void listsEveryEntityAndOnlyThose() throws IOException {
        Set<String> entities = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.missive").stream()
                .filter(c -> c.isAnnotatedWith(Entity.class))
                .map(JavaClass::getName)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(listedClasses()).isEqualTo(entities);
        assertThat(entities).isNotEmpty();
    }

    @Test
    void usesTheBundledProviderOnWildFlyToo() throws IOException {
        assertThat(persistenceXml())
                .contains("<provider>org.hibernate.jpa.HibernatePersistenceProvider</provider>")
                .contains("<property name=\"jboss.as.jpa.providerModule\" value=\"application\"/>")
                .contains("<exclude-unlisted-classes>true</exclude-unlisted-classes>");
    }

    private static Set<String> listedClasses() throws IOException {
        Set<String> listed = new TreeSet<>();
        Matcher matcher = Pattern.compile("<class>\\s*([^<\\s]+)\\s*</class>").matcher(persistenceXml());
        while (matcher.find()) {
            listed.add(matcher.group(1));
        }
        return listed;
    }

    private static String persistenceXml() throws IOException {
        try (InputStream in = PersistenceXmlTest.class.getResourceAsStream("/META-INF/persistence.xml")) {
            assertThat(in).as("META-INF/persistence.xml on the class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
