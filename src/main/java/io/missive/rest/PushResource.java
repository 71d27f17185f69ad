package io.missive.rest;

import io.missive.auth.DeviceRegistration;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Optional;

/**
 * The push service's HTTP interface (seed 001), at the seed's own paths ({@code /registration};
 * {@link SeedPaths} forwards them here) and under {@code /api/push/}. Parameters come as query
 * or form parameters, as the seed's curl example sends them; answers use the seed's
 * {@code {"code":N,"msg":"..."}} shape and codes ({@link PushCode}).
 */
@Path("push")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "push", description = "Device registration and business push (seed 001)")
public class PushResource {

    /** The seed's device types; 0 (all devices) is a put filter, not a type a device can have. */
    static final int MIN_DEVICE_TYPE = 1;
    static final int MAX_DEVICE_TYPE = 6;
    static final int IOS = 4;
    static final int MAX_SERIAL_NO = 128;
    static final int MAX_DEVICE_NAME = 128;

    @Inject
    private DeviceRegistration registration;

    @Inject
    @ConfigProperty(name = "missive.push.broker")
    private Optional<String> broker;

    @Inject
    @ConfigProperty(name = "missive.tcp.text.port", defaultValue = "8600")
    private int textPort;

    @Context
    private UriInfo uri;

    @POST
    @Path("registration")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Register a device",
            description = "serial_no, device_type (1-6), device_name as query or form parameters."
                    + " Answers {broker, device_id, token}; no broker for iOS.")
    public Response registerForm(MultivaluedMap<String, String> form) {
        // a POST without a body and without a Content-Type lands here too, with no form
        return registerDevice(form == null ? new MultivaluedHashMap<>() : form);
    }

    @POST
    @Path("registration")
    @Operation(summary = "Register a device (query parameters; any other body is ignored)")
    public Response registerQuery() {
        return registerDevice(new MultivaluedHashMap<>());
    }

    @GET
    @Path("registration")
    @Operation(summary = "Not allowed: registration is a POST (MethodErr)")
    public Response registrationByGet() {
        return answer(Response.Status.METHOD_NOT_ALLOWED, PushCode.METHOD_ERR, "registration is a POST");
    }

    private Response registerDevice(MultivaluedMap<String, String> form) {
        String serialNo = parameter(form, "serial_no");
        if (serialNo == null || serialNo.isBlank() || serialNo.length() > MAX_SERIAL_NO
                || serialNo.chars().anyMatch(Character::isISOControl)) {
            return answer(Response.Status.BAD_REQUEST, PushCode.SERIAL_NO_ERR,
                    "serial_no must be 1 to " + MAX_SERIAL_NO + " printable characters");
        }
        String type = parameter(form, "device_type");
        int deviceType;
        try {
            deviceType = type == null ? -1 : Integer.parseInt(type.trim());
        } catch (NumberFormatException e) {
            deviceType = -1;
        }
        if (deviceType < MIN_DEVICE_TYPE || deviceType > MAX_DEVICE_TYPE) {
            return answer(Response.Status.BAD_REQUEST, PushCode.DEVICE_TYPE_ERR,
                    "device_type must be 1 (browser), 2 (PC), 3 (Android), 4 (iOS), 5 (Windows Phone) or 6 (other)");
        }
        String name = Optional.ofNullable(parameter(form, "device_name")).orElse("");
        if (name.length() > MAX_DEVICE_NAME) {
            return answer(Response.Status.BAD_REQUEST, PushCode.PARAM_ERR,
                    "device_name is longer than " + MAX_DEVICE_NAME + " characters");
        }
        DeviceRegistration.Registered device = registration.register(serialNo, deviceType, name);
        JsonObjectBuilder body = Json.createObjectBuilder();
        if (deviceType != IOS) {
            body.add("broker", brokerAddress());
        }
        body.add("device_id", device.deviceId()).add("token", device.token());
        return Response.ok(body.build()).build();
    }

    /** The text-protocol listener devices connect to: configured, else this host and the listener's port. */
    private String brokerAddress() {
        return broker.filter(b -> !b.isBlank()).orElseGet(() -> uri.getBaseUri().getHost() + ":" + textPort);
    }

    /** A form parameter, else the query parameter of that name. */
    private String parameter(MultivaluedMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value != null ? value : uri.getQueryParameters().getFirst(name);
    }

    static Response answer(Response.Status status, PushCode code, String detail) {
        JsonObject body = Json.createObjectBuilder()
                .add("code", code.code())
                .add("msg", code.seedName() + ": " + detail)
                .build();
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
