package io.missive.store;

import io.missive.repository.Device;
import io.missive.repository.DeviceRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.util.Optional;

/** Registered push devices in PostgreSQL. */
@ApplicationScoped
public class JpaDeviceDirectory implements DeviceRepository {

    @PersistenceContext(unitName = "missive")
    private EntityManager em;

    @Inject
    private NonTransactionalReads reads;

    /** A new device gets a users row named {@code device:<uid>}, which no login name can be (names have no colon). */
    @Override
    @Transactional
    public Device register(String serialNo, int deviceType, String deviceName, byte[] tokenHash) {
        Optional<DeviceEntity> existing = findBySerialNo(em, serialNo);
        if (existing.isPresent()) {
            existing.get().registerAgain(deviceType, deviceName, tokenHash);
            return device(existing.get());
        }
        try {
            long uid = ((Number) em.createNativeQuery("SELECT nextval('users_uid_seq')").getSingleResult()).longValue();
            em.createNativeQuery("INSERT INTO users (uid, username, role) VALUES (?1, ?2, ?3)")
                    .setParameter(1, uid)
                    .setParameter(2, "device:" + uid)
                    .setParameter(3, ROLE)
                    .executeUpdate();
            DeviceEntity device = new DeviceEntity(uid, serialNo, deviceType, deviceName, tokenHash);
            em.persist(device);
            em.flush();
            return device(device);
        } catch (PersistenceException e) {
            throw UniqueViolations.translate(e, "serial number " + serialNo + " was registered at the same time");
        }
    }

    @Override
    public Optional<Device> find(long uid) {
        return Optional.ofNullable(reads.apply(r -> r.find(DeviceEntity.class, uid))).map(JpaDeviceDirectory::device);
    }

    @Override
    public Optional<byte[]> tokenHash(String serialNo) {
        return reads.apply(r -> findBySerialNo(r, serialNo).map(DeviceEntity::tokenHash));
    }

    private static Optional<DeviceEntity> findBySerialNo(EntityManager em, String serialNo) {
        return em.createQuery("select d from DeviceEntity d where d.serialNo = :s", DeviceEntity.class)
                .setParameter("s", serialNo)
                .getResultStream()
                .findFirst();
    }

    @Override
    @Transactional
    public Optional<Device> rename(long uid, String deviceName) {
        DeviceEntity device = em.find(DeviceEntity.class, uid);
        if (device != null) {
            device.rename(deviceName);
        }
        return Optional.ofNullable(device).map(JpaDeviceDirectory::device);
    }

    @Override
    public boolean disabled(long uid) {
        UserEntity user = reads.apply(r -> r.find(UserEntity.class, uid));
        return user == null || user.disabled();
    }

    @Override
    public long[] subscribersOfType(long channelId, int deviceType) {
        return reads.apply(r -> r.createNativeQuery("""
                        SELECT s.uid FROM channel_subscriptions s JOIN devices d ON d.uid = s.uid
                        WHERE s.channel_id = ?1 AND d.device_type = ?2 ORDER BY s.uid""", Long.class)
                .setParameter(1, channelId)
                .setParameter(2, deviceType)
                .getResultList().stream().mapToLong(v -> ((Number) v).longValue()).toArray());
    }

    private static Device device(DeviceEntity d) {
        return new Device(d.uid(), d.serialNo(), d.deviceType(), d.deviceName(), d.tokenHash(), d.registeredAt());
    }
}
