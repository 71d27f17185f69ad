package io.missive.core;

import io.missive.core.model.Message;

import java.util.List;

/** A publish's outcomes as text ("accepted", "refused NOT_A_MEMBER"), added to a list the test reads. */
public final class RecordingPublishCallback implements PublishCallback {

    private final List<String> outcomes;
    private final boolean mayBlock;

    /** @param mayBlock what {@link #mayBlock} answers: false as a protocol whose answer only writes */
    public RecordingPublishCallback(List<String> outcomes, boolean mayBlock) {
        this.outcomes = outcomes;
        this.mayBlock = mayBlock;
    }

    @Override
    public void accepted(Message stored) {
        outcomes.add("accepted");
    }

    @Override
    public void refused(Refusal refusal, String detail) {
        outcomes.add("refused " + refusal);
    }

    @Override
    public boolean mayBlock() {
        return mayBlock;
    }
}
