package io.missive.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/** A user account. Uids are unsigned 32-bit numbers, as the binary protocol carries them. */
@Entity
@Table(name = "users")
public class UserEntity {

    @Id
    @SequenceGenerator(name = "users_uid", sequenceName = "users_uid_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "users_uid")
    private Long uid;

    @Column(nullable = false, unique = true, length = 64)
    private String username;

    @Column(name = "password_hash", length = 512)
    private String passwordHash;

    @Column(nullable = false, length = 16)
    private String role = "user";

    @Column(nullable = false)
    private boolean disabled;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    protected UserEntity() {
    }

    public UserEntity(String username, String passwordHash, String role) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role;
    }

    public long uid() {
        return uid;
    }

    public String username() {
        return username;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public void passwordHash(String hash) {
        this.passwordHash = hash;
    }

    public String role() {
        return role;
    }

    public void role(String role) {
        this.role = role;
    }

    public boolean disabled() {
        return disabled;
    }

    public void disabled(boolean disabled) {
        this.disabled = disabled;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
