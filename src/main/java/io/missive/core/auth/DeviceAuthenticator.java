package io.missive.core.auth;

/**
 * Checks a device's identity as the text push protocol presents it: the device id that
 * registration issued and, unless the connection comes through a trusted listener, the token
 * issued with it.
 */
public interface DeviceAuthenticator {

    /**
     * @param token the token the device presented, or null
     * @param tokenRequired false on a trusted listener, where the device id alone identifies
     * @return Accepted with the device's uid, Denied for an unknown device or a wrong or missing
     *         token, Disabled, or Unavailable when the check could not be made
     */
    AuthResult authenticate(long deviceId, String token, boolean tokenRequired);
}
