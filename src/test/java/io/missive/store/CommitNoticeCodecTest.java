package io.missive.store;

import io.missive.core.model.Message;
import io.missive.core.model.MessageId;
import io.missive.core.model.Target;
import io.missive.core.routing.CommitNotice;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class CommitNoticeCodecTest {

    @Test
    void messagesKeepTheirPlacesAndRecipientsWithPartsNamedAsTheWhole() {
        List<String> payloads = CommitNoticeCodec.messages("node-1", List.of(
                message(10, 1, new Target.User(42)), message(11, 7, new Target.GroupPart(5, new long[]{1, 2})),
                message(12, 3, new Target.Channel(9)), message(11, 8, new Target.Group(5))));

        assertThat(payloads).containsExactly("m node-1 10.1.u42 11.7.g5 12.3.c9 11.8.g5");
        CommitNoticeCodec.Messages decoded = (CommitNoticeCodec.Messages) CommitNoticeCodec.decode(payloads.get(0)).orElseThrow();
        assertThat(decoded.notice()).isEqualTo(new CommitNotice("node-1", List.of(
                new CommitNotice.Committed(10, 1, new Target.User(42)), new CommitNotice.Committed(11, 7, new Target.Group(5)),
                new CommitNotice.Committed(12, 3, new Target.Channel(9)), new CommitNotice.Committed(11, 8, new Target.Group(5)))));
    }

    @Test
    void aLargeBatchIsSplitBelowPostgresLimitInOrder() {
        List<Message> batch = LongStream.rangeClosed(1, 1_000)
                .mapToObj(seq -> message(123_456_789L, seq, new Target.User(4_000_000_000L))).toList();

        List<String> payloads = CommitNoticeCodec.messages("a-rather-long-node-name", batch);

        assertThat(payloads).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.length()).isLessThan(8000));
        List<Long> seqs = payloads.stream()
                .flatMap(p -> ((CommitNoticeCodec.Messages) CommitNoticeCodec.decode(p).orElseThrow()).notice().messages().stream())
                .map(CommitNotice.Committed::seq).toList();
        assertThat(seqs).isEqualTo(LongStream.rangeClosed(1, 1_000).boxed().toList());
    }

    @Test
    void membershipChangesAndUnknownNotices() {
        assertThat(CommitNoticeCodec.decode(CommitNoticeCodec.groupChange("n", 5, true)))
                .contains(new CommitNoticeCodec.GroupChange("n", 5, true));
        assertThat(CommitNoticeCodec.decode(CommitNoticeCodec.channelChange("n", 9)))
                .contains(new CommitNoticeCodec.ChannelChange("n", 9));
        assertThat(CommitNoticeCodec.decode("x n something a newer node says")).isEmpty();
        assertThat(CommitNoticeCodec.decode("m n 1.2.z3")).isEmpty();
        assertThat(CommitNoticeCodec.decode("")).isEmpty();
    }

    private static Message message(long conversation, long seq, Target target) {
        return new Message(conversation, seq, MessageId.random(), 1, target, new byte[]{1}, 0, 0);
    }
}
