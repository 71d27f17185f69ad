package io.missive.auth;

import io.missive.repository.Device;
import io.missive.repository.DeviceRepository;
import io.missive.repository.DuplicateEntityException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Registers push devices and issues their tokens. Registering a serial number again keeps its
 * device id and issues a new token; the old one stops working.
 */
@ApplicationScoped
public class DeviceRegistration {

    /** A registered device and the token it must present; the token is known only now. */
    public record Registered(long deviceId, int deviceType, String token) {
    }

    @Inject
    private DeviceRepository devices;

    public Registered register(String serialNo, int deviceType, String deviceName) {
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
