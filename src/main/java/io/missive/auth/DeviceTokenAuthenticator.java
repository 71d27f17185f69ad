package io.missive.auth;

import io.missive.core.auth.AuthResult;
import io.missive.core.auth.DeviceAuthenticator;
import io.missive.repository.Device;
import io.missive.repository.DeviceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/** Checks a push device's id and token against the devices table. */
@ApplicationScoped
public class DeviceTokenAuthenticator implements DeviceAuthenticator {

    @Inject
    private DeviceRepository devices;

    @Override
    public AuthResult authenticate(long deviceId, String token, boolean tokenRequired) {
        Optional<Device> device = devices.find(deviceId);
        if (device.isEmpty()) {
            return new AuthResult.Denied();
        }
        if (tokenRequired && !DeviceTokens.matches(token, device.get().tokenHash())) {
            return new AuthResult.Denied();
        }
        if (devices.disabled(deviceId)) {
            return new AuthResult.Disabled();
        }
        return new AuthResult.Accepted(deviceId, "device:" + deviceId);
    }
}
