package io.missive.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

/** One user's membership of one group. */
@Entity
@Table(name = "group_members")
@IdClass(GroupMemberEntity.Key.class)
public class GroupMemberEntity {

    @Id
    @Column(name = "group_id")
    private long groupId;

    @Id
    @Column(name = "uid")
    private long uid;

    @Column(name = "joined_at", nullable = false)
    private Instant joinedAt = Instant.now();

    protected GroupMemberEntity() {
    }

    public GroupMemberEntity(long groupId, long uid) {
        this.groupId = groupId;
        this.uid = uid;
    }

    public long groupId() {
        return groupId;
    }

    public long uid() {
        return uid;
    }

    public Instant joinedAt() {
        return joinedAt;
    }

    /** The composite key. */
    public static class Key implements Serializable {
        private long groupId;
        private long uid;

        public Key() {
        }

        public Key(long groupId, long uid) {
            this.groupId = groupId;
            this.uid = uid;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.groupId == groupId && k.uid == uid;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(groupId) * 31 + Long.hashCode(uid);
        }
    }
}
