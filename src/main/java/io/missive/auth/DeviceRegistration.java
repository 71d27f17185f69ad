package io.missive.auth;

import java.util.Optional;
import io.missive.repository.Device;
import io.missive.repository.DeviceRepository;
import io.missive.repository.DuplicateEntityException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Registers push devices and issues their tokens. Registering a serial number again keeps its
 * device id and issues a new token, the old one no longer working; it takes the device's current
 * token (or a back end's API key) to do so, else anyone who knows a serial number could take the
 * device over and read its pushes.
 */
@ApplicationScoped
public class DeviceRegistration {

    /** A registered device and the token it must present; the token is known only now. */
    public record Registered(long deviceId, int deviceType, String token) {
    }

    @Inject
    private DeviceRepository devices;

    /** A serial number registered already, by a caller who did not prove it holds that device. */
    public static final class NotTheOwner extends Exception {
        NotTheOwner(String serialNo) {
            super("serial number " + serialNo + " is registered already: register it again with the device's"
                    + " current token (the token parameter) or a back end's API key", null, false, false);
        }
    }

    /**
     * Registers {@code serialNo}, or registers it again when {@code presentedToken} is its device's
     * current token or {@code backEnd} says the caller holds the API key.
     */
    public Registered register(String serialNo, int deviceType, String deviceName, String presentedToken,
                               boolean backEnd) throws NotTheOwner {
        Optional<byte[]> current = devices.tokenHash(serialNo);
        if (current.isPresent() && !backEnd && !DeviceTokens.matches(presentedToken, current.get())) {
            throw new NotTheOwner(serialNo);
        }
        String token = DeviceTokens.newToken();
        Device device;
        try {
            device = devices.register(serialNo, deviceType, deviceName, DeviceTokens.hash(token));
        } catch (DuplicateEntityException e) {
            // two first registrations of one serial number raced; the loser registers again
            device = devices.register(serialNo, deviceType, deviceName, DeviceTokens.hash(token));
        }
        return new Registered(device.uid(), device.deviceType(), token);
    }
}
