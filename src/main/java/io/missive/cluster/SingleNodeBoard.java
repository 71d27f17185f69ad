package io.missive.cluster;

import java.util.List;

/** The board of a node alone, or of one whose server has no data grid: this node only, measured when asked. */
final class SingleNodeBoard implements NodeBoard {

    private final LocalNode self;

    SingleNodeBoard(LocalNode self) {
        this.self = self;
    }

    @Override
    public List<NodeStatus> nodes() {
        return List.of(self.status());
    }
}
