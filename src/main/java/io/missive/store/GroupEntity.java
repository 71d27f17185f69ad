package io.missive.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/** A group: members are {@link GroupMemberEntity} rows. */
@Entity
@Table(name = "chat_groups")
public class GroupEntity {

    @Id
    @SequenceGenerator(name = "chat_groups_id", sequenceName = "chat_groups_id_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "chat_groups_id")
    private Long id;

    @Column(nullable = false, length = 128)
    private String name;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.now();

    protected GroupEntity() {
    }

    public GroupEntity(String name) {
        this.name = name;
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public void name(String name) {
        this.name = name;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
