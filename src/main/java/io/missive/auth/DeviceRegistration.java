package io.missive.auth;

import io.missive.store.DeviceEntity;
import io.missive.store.JpaDeviceDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

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
    private JpaDeviceDirectory devices;

    public Registered register(String serialNo, int deviceType, String deviceName) {
        String token = DeviceTokens.newToken();
        DeviceEntity device;
        try {
            device = devices.register(serialNo, deviceType, deviceName, DeviceTokens.hash(token));
        } catch (PersistenceException | jakarta.transaction.TransactionalException e) {
            // two first registrations of one serial number raced; the loser registers again
            device = devices.register(serialNo, deviceType, deviceName, DeviceTokens.hash(token));
        }
        return new Registered(device.uid(), device.deviceType(), token);
    }
}
