package io.missive.tcp;

import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetector.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LeakDetectionDefaultTest {

    private final Level before = ResourceLeakDetector.getLevel();

    @AfterEach
    void restore() {
        ResourceLeakDetector.setLevel(before);
    }

    @Test
    void aServerWhoseOperatorSetNothingDetectsNoLeaks() {
        ResourceLeakDetector.setLevel(Level.SIMPLE);

        assertThat(LeakDetectionDefault.apply(name -> null)).isEqualTo(Level.DISABLED);
        assertThat(ResourceLeakDetector.isEnabled()).isFalse();
    }

    @Test
    void eitherOfNettysPropertiesKeepsTheLevelNettyReadFromIt() {
        for (String property : new String[] {LeakDetectionDefault.LEVEL, LeakDetectionDefault.LEGACY_LEVEL}) {
            ResourceLeakDetector.setLevel(Level.ADVANCED);   // as Netty set it from the property at start

            assertThat(LeakDetectionDefault.apply(Map.of(property, "advanced")::get)).as(property).isEqualTo(Level.ADVANCED);
        }
    }

    @Test
    void theUnitTestsRunTheDetectorParanoid() {
        // the build sets Netty's property for this JVM (pom.xml, surefire), so leaks in the protocol tests show
        assertThat(System.getProperty(LeakDetectionDefault.LEVEL)).isEqualTo("paranoid");
        assertThat(before).isEqualTo(Level.PARANOID);
    }
}
