package io.missive.rest.push;

import io.missive.auth.ApiKeyCheck;
import io.missive.auth.DeviceRegistration;
import io.missive.push.BusinessPut;
import io.missive.push.PushCode;
import io.missive.push.PutAnswer;
import io.missive.cluster.NodeBoard;
import io.missive.config.ClusterSettings;
import io.missive.protocol.Protocols;
import io.missive.config.PushSettings;
import io.missive.config.SharedJson;
import io.missive.core.MessagingCore;
import io.missive.rest.CommonResponses;
import io.missive.rest.errors.ApiError;
import io.missive.rest.security.ApiKeyFilter;
import io.missive.rest.security.ApiKeyRequired;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The push service's HTTP interface (seed 001), at the seed's own paths ({@code /registration},
 * {@code /put}; {@link SeedPaths} forwards them here) and under {@code /api/push/}. Parameters
 * come as query or form parameters, as the seed's curl example sends them; answers use the seed's
 * {@code {"code":N,"msg":"..."}} shape and codes ({@link PushCode}). Registration is open, as
 * devices call it; {@code /put} is for business back ends and needs the API key (its 401 is the
 * API's {@link ApiError}, as the seed defines no such refusal).
 *
 * <p>One instance serves every request (request data comes as method parameters): made and injected per
 * request, it cost {@code /put} about a seventh of its CPU (Flight Recorder, docs/benchmarks.md).
 */
@Path("push")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "push", description = "Device registration and business push (seed 001)")
public class PushResource {

    private static final JsonProvider JSON = SharedJson.PROVIDER;
    /** The back ends' API key, which may register a known serial number again; read once, as the filters do. */
    private static final ApiKeyFilter API_KEY = new ApiKeyFilter();

    /** The seed's device types; 0 (all devices) is a put filter, not a type a device can have. */
    static final int MIN_DEVICE_TYPE = 1;
    static final int MAX_DEVICE_TYPE = BusinessPut.MAX_DEVICE_TYPE;
    static final int IOS = 4;
    static final int MAX_SERIAL_NO = 128;
    static final int MAX_DEVICE_NAME = 128;

    @Inject
    private DeviceRegistration registration;

    @Inject
    private MessagingCore core;

    @Inject
    private BusinessPut put;

    @Inject
    private PushSettings settings;

    @Inject
    private ClusterSettings cluster;

    @Inject
    private NodeBoard nodes;


    @POST
    @Path("registration")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Register a device",
            description = "serial_no, device_type (1-6), device_name as query or form parameters."
                    + " Answers {broker, device_id, token}; no broker for iOS. A serial number registered already"
                    + " takes its device's current token (token parameter) or the API key, else 403 SerialNoErr.")
    public Response registerForm(@Context UriInfo uri, @Context HttpHeaders headers,
                                 MultivaluedMap<String, String> form) {
        // a POST without a body and without a Content-Type lands here too, with no form
        return registerDevice(form == null ? new MultivaluedHashMap<>() : form, uri, headers);
    }

    @POST
    @Path("registration")
    @Operation(summary = "Register a device (query parameters; any other body is ignored)")
    public Response registerQuery(@Context UriInfo uri, @Context HttpHeaders headers) {
        return registerDevice(new MultivaluedHashMap<>(), uri, headers);
    }

    @GET
    @Path("registration")
    @Operation(summary = "Not allowed: registration is a POST (MethodErr)")
    public Response registrationByGet() {
        return answer(Response.Status.METHOD_NOT_ALLOWED, PushCode.METHOD_ERR, "registration is a POST");
    }

    @POST
    @Path("put")
    @ApiKeyRequired
    @Consumes(MediaType.WILDCARD)
    @SecurityRequirement(name = ApiKeyFilter.SECURITY_SCHEME)
    @Operation(summary = "Push a message to a channel's devices",
            description = "channel_id (1 to 2^63-1) and device_type (0 all, or 1-6 only devices of that type) as"
                    + " query parameters; the body, of any content type, is the message (at most"
                    + " missive.message.max-payload-bytes). Sent as the system user; answered once stored.")
    @APIResponse(responseCode = "200", description = "{\"code\":0,\"msg\":\"OK\",\"data\":null}")
    @APIResponse(responseCode = "400", description = "code 1 ParamErr, 4 MsgEmpty, 7 ChannelIdErr, 8 DeviceTypeErr")
    @APIResponse(responseCode = "401", ref = CommonResponses.UNAUTHORIZED)
    @APIResponse(responseCode = "404", description = "code 9 NoSubErr: no subscriber (of that device type)")
    @APIResponse(responseCode = "413", description = "code 5 MsgTooLong")
    @APIResponse(responseCode = "503", description = "code 2 InternalErr: not stored; try again")
    public void put(@QueryParam("channel_id") String channelId, @QueryParam("device_type") String deviceType,
                    InputStream body, @Suspended AsyncResponse async) {
        byte[] message;
        try {
            // never more than one byte past the limit is read, whatever the client sends
            message = body == null ? new byte[0] : body.readNBytes(put.maxMessageBytes() + 1);
        } catch (IOException e) {
            async.resume(answer(PutAnswer.of(400, PushCode.PARAM_ERR, "the body could not be read")));
            return;
        }
        put.put(channelId, deviceType, message, core.newMailbox(), a -> async.resume(answer(a)));
    }

    /** The number, or -1. */
    private static int deviceType(String raw) {
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Response registerDevice(MultivaluedMap<String, String> form, UriInfo uri, HttpHeaders headers) {
        String serialNo = parameter(form, uri, "serial_no");
        if (serialNo == null || serialNo.isBlank() || serialNo.length() > MAX_SERIAL_NO
                || serialNo.chars().anyMatch(Character::isISOControl)) {
            return answer(Response.Status.BAD_REQUEST, PushCode.SERIAL_NO_ERR,
                    "serial_no must be 1 to " + MAX_SERIAL_NO + " printable characters");
        }
        String type = parameter(form, uri, "device_type");
        int deviceType = type == null ? -1 : deviceType(type);
        if (deviceType < MIN_DEVICE_TYPE || deviceType > MAX_DEVICE_TYPE) {
            return answer(Response.Status.BAD_REQUEST, PushCode.DEVICE_TYPE_ERR,
                    "device_type must be 1 (browser), 2 (PC), 3 (Android), 4 (iOS), 5 (Windows Phone) or 6 (other)");
        }
        String name = Optional.ofNullable(parameter(form, uri, "device_name")).orElse("");
        if (name.length() > MAX_DEVICE_NAME) {
            return answer(Response.Status.BAD_REQUEST, PushCode.PARAM_ERR,
                    "device_name is longer than " + MAX_DEVICE_NAME + " characters");
        }
        DeviceRegistration.Registered device;
        try {
            device = registration.register(serialNo, deviceType, name, parameter(form, uri, "token"), heldByBackEnd(headers));
        } catch (DeviceRegistration.NotTheOwner e) {
            return answer(Response.Status.FORBIDDEN, PushCode.SERIAL_NO_ERR, e.getMessage());
        }
        JsonObjectBuilder body = JSON.createObjectBuilder();
        if (deviceType != IOS) {
            body.add("broker", brokerAddress(uri));
        }
        body.add("device_id", device.deviceId()).add("token", device.token());
        return Response.ok(body.build()).build();
    }

    /** Whether the request carries the back ends' API key (which may register a known serial number again). */
    private static boolean heldByBackEnd(HttpHeaders headers) {
        return API_KEY.outcome(headers.getHeaderString(HttpHeaders.AUTHORIZATION)) == ApiKeyCheck.Outcome.ACCEPTED;
    }

    /**
     * The text-protocol listener devices connect to: configured (a load balancer's, say), else in a
     * cluster the least loaded ready node's, else this host and the listener's port.
     */
    private String brokerAddress(UriInfo uri) {
        if (cluster.enabled() && settings.broker().filter(b -> !b.isBlank()).isEmpty()) {
            Optional<String> least = nodes.addressFor(Protocols.TEXT.name());
            if (least.isPresent()) {
                return least.get();
            }
        }
        return settings.brokerFor(uri.getBaseUri().getHost());
    }

    /** A form parameter, else the query parameter of that name. */
    private static String parameter(MultivaluedMap<String, String> form, UriInfo uri, String name) {
        String value = form.getFirst(name);
        return value != null ? value : uri.getQueryParameters().getFirst(name);
    }

    static Response answer(Response.Status status, PushCode code, String detail) {
        return answer(PutAnswer.of(status.getStatusCode(), code, detail));
    }

    private static Response answer(PutAnswer answer) {
        return Response.status(answer.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(answer.json()).build();
    }
}
