package io.missive.auth;

import io.missive.core.auth.AuthResult;
import io.missive.core.auth.DeviceAuthenticator;
import io.missive.store.DeviceEntity;
import io.missive.store.JpaDeviceDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/** Checks a push device's id and token against the devices table. */
@ApplicationScoped
public class DeviceTokenAuthenticator implements DeviceAuthenticator {

    @Inject
    private JpaDeviceDirectory devices;

    @Override
    public AuthResult authenticate(long deviceId, String token, boolean tokenRequired) {
        Optional<DeviceEntity> device = devices.find(deviceId);
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
