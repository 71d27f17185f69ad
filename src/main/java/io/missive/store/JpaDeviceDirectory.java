package io.missive.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/** Registered push devices in PostgreSQL. */
@ApplicationScoped
public class JpaDeviceDirectory {

    /** The role of a device's users row. */
    public static final String ROLE = "device";

    @PersistenceContext(unitName = "missive")
    private EntityManager em;

    /**
     * Registers a device, or registers it again: the same serial number keeps its device id and
     * gets the new type, name and token (the old token stops working). A new device gets a users
     * row named {@code device:<uid>}, which no login name can be (names have no colon).
     */
    @Transactional
    public DeviceEntity register(String serialNo, int deviceType, String deviceName, byte[] tokenHash) {
        Optional<DeviceEntity> existing = findBySerialNo(serialNo);
        if (existing.isPresent()) {
            existing.get().registerAgain(deviceType, deviceName, tokenHash);
            return existing.get();
        }
        long uid = ((Number) em.createNativeQuery("SELECT nextval('users_uid_seq')").getSingleResult()).longValue();
        em.createNativeQuery("INSERT INTO users (uid, username, role) VALUES (?1, ?2, ?3)")
                .setParameter(1, uid)
                .setParameter(2, "device:" + uid)
                .setParameter(3, ROLE)
                .executeUpdate();
        DeviceEntity device = new DeviceEntity(uid, serialNo, deviceType, deviceName, tokenHash);
        em.persist(device);
        em.flush();
        return device;
    }

    public Optional<DeviceEntity> find(long uid) {
        return Optional.ofNullable(em.find(DeviceEntity.class, uid));
    }

    public Optional<DeviceEntity> findBySerialNo(String serialNo) {
        List<DeviceEntity> found = em.createQuery("select d from DeviceEntity d where d.serialNo = :s", DeviceEntity.class)
                .setParameter("s", serialNo)
                .getResultList();
        return found.stream().findFirst();
    }

    /** Gives a device a new name; answers the device, or empty when there is none of that id. */
    @Transactional
    public Optional<DeviceEntity> rename(long uid, String deviceName) {
        DeviceEntity device = em.find(DeviceEntity.class, uid);
        if (device != null) {
            device.rename(deviceName);
        }
        return Optional.ofNullable(device);
    }

    /** Whether the device's users row is disabled (an operator can disable a device like a user). */
    public boolean disabled(long uid) {
        UserEntity user = em.find(UserEntity.class, uid);
        return user == null || user.disabled();
    }

    /** The subscribers of a channel whose device type is {@code deviceType}. */
    public long[] subscribersOfType(long channelId, int deviceType) {
        return em.createNativeQuery("""
                        SELECT s.uid FROM channel_subscriptions s JOIN devices d ON d.uid = s.uid
                        WHERE s.channel_id = ?1 AND d.device_type = ?2 ORDER BY s.uid""", Long.class)
                .setParameter(1, channelId)
                .setParameter(2, deviceType)
                .getResultList().stream().mapToLong(v -> ((Number) v).longValue()).toArray();
    }
}
