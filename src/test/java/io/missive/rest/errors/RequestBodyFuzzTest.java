package io.missive.rest.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.missive.protocol.AllocationBound;
import io.missive.rest.WellFormedJson;
import io.missive.rest.auth.LoginRequest;
import io.missive.rest.groups.CreateGroupRequest;
import io.missive.rest.messages.PublishRequest;
import io.missive.rest.users.CreateUserRequest;
import io.missive.rest.users.SetDisabledRequest;
import io.missive.rest.users.SetPasswordRequest;
import io.missive.rest.users.SetRoleRequest;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;

import java.io.ByteArrayInputStream;
import java.util.HexFormat;
import java.util.List;

/**
 * Jazzer's coverage-guided bodies for every REST call that reads JSON, as the server reads them:
 * {@link WellFormedJson}'s whole parse, then JSON-B (Yasson, as Payara's Jersey, with the request
 * classes' own annotations; the application configures no JSON-B of its own). The outcome is an
 * object of the request class, or an exception {@link MalformedJsonMapper} answers 400 (the
 * check's, or a {@link JsonbException}, which Jersey wraps); any other would be a 500, a hang a
 * request thread lost. Reading allocates in proportion to the body.
 */
class RequestBodyFuzzTest {

    private static final List<Class<?>> BODIES = List.of(PublishRequest.class, LoginRequest.class,
            CreateUserRequest.class, SetDisabledRequest.class, SetRoleRequest.class, SetPasswordRequest.class,
            CreateGroupRequest.class);
    private static final Jsonb JSONB = JsonbBuilder.create();
    private static final AllocationBound ALLOCATION = new AllocationBound(256 * 1024, 64);

    /**
     * Under {@code -Pfuzz} Jazzer's generated input; in {@code ./mvnw verify} the inputs committed in
     * {@code RequestBodyFuzzTestInputs/anyBodyIsARequestOr400}. The input's last byte chooses the call.
     */
    @FuzzTest
    void anyBodyIsARequestOr400(FuzzedDataProvider data) throws Exception {
        Class<?> type = BODIES.get(data.consumeInt(0, BODIES.size() - 1));
        byte[] body = data.consumeRemainingAsBytes();
        Object outcome = ALLOCATION.check(body.length, () -> readOrRefused(type, body));
        if (outcome instanceof ProcessingException e) {
            assertThat(MalformedJsonMapper.isJsonFault(e)).as("a 400, not a 500").isTrue();
        } else if (outcome != null) {
            assertThat(outcome).isInstanceOf(type);
        }
    }

    private static Object readOrRefused(Class<?> type, byte[] body) {
        try {
            WellFormedJson.check(body);
            return JSONB.fromJson(new ByteArrayInputStream(body), type);
        } catch (JsonbException e) {
            return new ProcessingException("as Jersey wraps it", e);
        } catch (ProcessingException e) {
            return e;
        } catch (Throwable t) {
            throw new AssertionError(type.getSimpleName() + " from " + HexFormat.of().formatHex(body) + " threw " + t, t);
        }
    }
}
