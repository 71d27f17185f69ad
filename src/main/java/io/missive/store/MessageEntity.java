package io.missive.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.io.Serializable;
import java.time.Instant;

/**
 * A stored message, read-only through JPA (history, administration). Rows are written by
 * {@link MessageBatchWriter} in batches.
 */
@Entity
@Table(name = "messages")
@IdClass(MessageEntity.Key.class)
public class MessageEntity {

    @Id
    @Column(name = "conversation_id")
    private long conversationId;

    @Id
    private long seq;

    @Column(name = "msg_id", nullable = false)
    private byte[] msgId;

    @Column(name = "sender_uid", nullable = false)
    private long senderUid;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "recipients")
    private long[] recipients;

    @Column(nullable = false)
    private byte[] payload;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    protected MessageEntity() {
    }

    public long conversationId() {
        return conversationId;
    }

    public long seq() {
        return seq;
    }

    public byte[] msgId() {
        return msgId;
    }

    public long senderUid() {
        return senderUid;
    }

    public long[] recipients() {
        return recipients;
    }

    public byte[] payload() {
        return payload;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** The composite key. */
    public static class Key implements Serializable {
        private long conversationId;
        private long seq;

        public Key() {
        }

        public Key(long conversationId, long seq) {
            this.conversationId = conversationId;
            this.seq = seq;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.conversationId == conversationId && k.seq == seq;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(conversationId) * 31 + Long.hashCode(seq);
        }
    }
}
