package io.missive.mqtt;

import io.missive.core.Publication;
import io.missive.config.SharedJson;
import io.missive.core.MessagingCore;
import io.missive.core.PublishCallback;
import io.missive.core.Refusal;
import io.missive.core.model.MemberSet;
import io.missive.core.model.Message;
import io.missive.core.model.MessageId;
import io.missive.core.model.Target;
import io.missive.core.store.GroupDirectory;
import io.missive.core.store.GroupMembership;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;

import static io.missive.mqtt.ImFields.parseId;
import static io.missive.mqtt.ImFields.text;

/**
 * Seed 003's group ("feeds") requests: list, create, apply to join, and members adding and
 * removing members. Who may change a group is {@link io.missive.core.GroupAccess}'s rule: its
 * members. The methods may block on the database: call them on a mailbox.
 */
final class ImGroupRequests {

    private static final JsonProvider JSON = SharedJson.PROVIDER;

    private final MessagingCore core;
    private final GroupDirectory groups;
    private final GroupMembership membership;

    ImGroupRequests(MessagingCore core, GroupDirectory groups, GroupMembership membership) {
        this.core = core;
        this.groups = groups;
        this.membership = membership;
    }

    JsonArray feedsList(long uid) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        for (GroupMembership.GroupSummary g : membership.groupsOf(uid)) {
            list.add(JSON.createObjectBuilder().add("feeds", Long.toString(g.id())).add("name", g.name()));
        }
        return list.build();
    }

    /** {"name": "...", "members": [uid, ...]}: the caller is a member too. */
    JsonObject createFeeds(long uid, JsonObject request) throws ImFields.BadRequest {
        String name = text(request, "name");
        if (name.isBlank() || name.length() > 128) {
            throw new ImFields.BadRequest("'name' must have 1 to 128 characters");
        }
        JsonValue listed = request.getOrDefault("members", JsonValue.EMPTY_JSON_ARRAY);
        if (!(listed instanceof JsonArray array)) {
            throw new ImFields.BadRequest("'members' must be an array of uids");
        }
        long[] members = new long[array.size() + 1];
        members[0] = uid;
        for (int i = 0; i < array.size(); i++) {
            JsonValue v = array.get(i);
            members[i + 1] = parseId(v instanceof JsonString str ? str.getString() : v.toString(), "members");
        }
        long id = membership.create(name, Arrays.stream(members).distinct().toArray());
        return JSON.createObjectBuilder().add("feeds", Long.toString(id)).build();
    }

    /**
     * Asks to join: the group's members get the application as a message from the system user,
     * {"Type": "join_request", "applicant": "<uid>", "feeds": "<group id>"}; one of them answers
     * with agree_join_feeds. The answer goes to {@code result} or {@code error}, now or once stored.
     */
    void joinFeeds(long uid, long group, Consumer<JsonValue> result, Consumer<String> error) throws ImFields.BadRequest {
        Optional<MemberSet> members = groups.members(group);
        if (members.isEmpty()) {
            throw new ImFields.BadRequest("no group " + group);
        }
        if (members.get().contains(uid)) {
            result.accept(JSON.createValue("member already"));
            return;
        }
        byte[] application = JSON.createObjectBuilder().add("Type", "join_request")
                .add("applicant", Long.toString(uid)).add("feeds", Long.toString(group)).build().toString()
                .getBytes(StandardCharsets.UTF_8);
        core.publishAsSystem(Runnable::run, Publication.of(MessageId.random(), new Target.Group(group), application),
                new PublishCallback() {
                    @Override
                    public void accepted(Message stored) {
                        result.accept(JSON.createValue("applied"));
                    }

                    @Override
                    public void refused(Refusal refusal, String detail) {
                        error.accept(refusal.text() + ": " + detail);
                    }
                });
    }

    /** A member adds someone (agree_join_feeds, add_feeds_member). */
    JsonValue addByMember(long uid, long group, long newMember) throws ImFields.BadRequest {
        requireMember(uid, group);
        return JSON.createValue(membership.add(group, newMember) ? "success" : "member already");
    }

    /** A member removes someone, or themself (remove_feeds_member, leave_feeds). */
    JsonValue removeByMember(long uid, long group, long member) throws ImFields.BadRequest {
        requireMember(uid, group);
        if (!membership.remove(group, member)) {
            throw new ImFields.BadRequest("uid " + member + " is not a member of group " + group);
        }
        return JSON.createValue("success");
    }

    /** Refuses a caller who may not see the group; an end user over MQTT is never privileged. */
    void requireMember(long uid, long group) throws ImFields.BadRequest {
        switch (core.groupAccess().check(group, uid, false).outcome()) {
            case ALLOWED -> { }
            case NO_GROUP -> throw new ImFields.BadRequest("no group " + group);
            case NOT_A_MEMBER -> throw new ImFields.BadRequest("uid " + uid + " is not a member of group " + group);
        }
    }
}
