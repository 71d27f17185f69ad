package io.missive.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A registered push device (seed 001). Its uid is its device_id and names a users row of role
 * {@value io.missive.repository.DeviceRepository#ROLE}, so that messages to and from it are stored like a user's.
 */
@Entity
@Table(name = "devices")
public class DeviceEntity {

    @Id
    private Long uid;

    @Column(name = "serial_no", nullable = false, unique = true, length = 128)
    private String serialNo;

    @Column(name = "device_type", nullable = false)
    private short deviceType;

    @Column(name = "device_name", nullable = false, length = 128)
    private String deviceName;

    @Column(name = "token_hash", nullable = false)
    private byte[] tokenHash;

    @Column(name = "registered_at", nullable = false)
    private Instant registeredAt = Instant.now();

    protected DeviceEntity() {
    }

    DeviceEntity(long uid, String serialNo, int deviceType, String deviceName, byte[] tokenHash) {
        this.uid = uid;
        this.serialNo = serialNo;
        this.deviceType = (short) deviceType;
        this.deviceName = deviceName;
        this.tokenHash = tokenHash;
    }

    public long uid() {
        return uid;
    }

    public String serialNo() {
        return serialNo;
    }

    public int deviceType() {
        return deviceType;
    }

    public String deviceName() {
        return deviceName;
    }

    public byte[] tokenHash() {
        return tokenHash.clone();
    }

    public Instant registeredAt() {
        return registeredAt;
    }

    void rename(String deviceName) {
        this.deviceName = deviceName;
    }

    void registerAgain(int deviceType, String deviceName, byte[] tokenHash) {
        this.deviceType = (short) deviceType;
        this.deviceName = deviceName;
        this.tokenHash = tokenHash;
        this.registeredAt = Instant.now();
    }
}
