package io.missive.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A pair of users (kind 1) or a group (kind 2), numbering its messages with last_seq. */
@Entity
@Table(name = "conversations")
public class ConversationEntity {

    public static final short PAIR = 1;
    public static final short GROUP = 2;
    public static final short CHANNEL = 3;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false)
    private short kind;

    @Column(name = "user_low")
    private Long userLow;

    @Column(name = "user_high")
    private Long userHigh;

    @Column(name = "group_id")
    private Long groupId;

    @Column(name = "last_seq", nullable = false)
    private long lastSeq;

    protected ConversationEntity() {
    }

    public static ConversationEntity ofGroup(long groupId) {
        ConversationEntity c = new ConversationEntity();
        c.kind = GROUP;
        c.groupId = groupId;
        return c;
    }

    public long id() {
        return id;
    }

    public short kind() {
        return kind;
    }

    public Long userLow() {
        return userLow;
    }

    public Long userHigh() {
        return userHigh;
    }

    public Long groupId() {
        return groupId;
    }

    public long lastSeq() {
        return lastSeq;
    }
}
